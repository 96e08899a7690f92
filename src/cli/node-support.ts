// The Node.js releases ssm-chatops runs on: the LTS lines its dependencies support (vitest 5 and the AWS SDK's
// 2027 releases need 22; Node 20 left support in April 2026).
export const MINIMUM_NODE = { major: 22, minor: 12 } as const;

/** Why `version` (as `process.version`, 'v24.1.0') cannot run ssm-chatops, or undefined when it can. */
export function unsupportedNodeReason(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor))
    return undefined;
  return (
    `ssm-chatops needs Node.js ${MINIMUM_NODE.major}.${MINIMUM_NODE.minor} or later (24 LTS recommended); ` +
    `this is ${version}. See "Quick start" in the README for a way to get Node 24 without root.`
  );
}
