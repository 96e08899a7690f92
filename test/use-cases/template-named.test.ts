// templateNamed: the template a change was raised under, looked up by its name.
import { describe, expect, it } from 'vitest';
import { templateNamed } from '../../src/use-cases/template-named.js';
import { aChangeTemplate } from '../support/approval-builders.js';

const prodChange = aChangeTemplate();
const stagingChange = aChangeTemplate({ name: 'staging-change' });
const templates = [prodChange, stagingChange];

describe('templateNamed', () => {
  it('when a change names a configured template, then that one', () => {
    expect(templateNamed({ templates }, 'staging-change')).toBe(stagingChange);
    expect(templateNamed({ templates }, 'prod-change')).toBe(prodChange);
  });

  it('when the template was removed from the config, then none', () => {
    expect(templateNamed({ templates }, 'gone-change')).toBeUndefined();
    expect(templateNamed({ templates: [] }, 'prod-change')).toBeUndefined();
  });

  it('when a name differs only in case, then it is another template', () => {
    expect(templateNamed({ templates }, 'Prod-Change')).toBeUndefined();
  });
});
