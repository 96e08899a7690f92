#!/usr/bin/env node
// The ssm-chatops command: the bot and worker, and the local AWS sandbox, Slack emulator and demo.
import { runProcess } from './cli/run-process.js';

runProcess(() => import('./cli/main.js'));
