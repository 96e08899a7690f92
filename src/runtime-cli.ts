#!/usr/bin/env node
// The runtime image's ssm-chatops command: the bot, the worker and their operations commands only.
import { runProcess } from './cli/run-process.js';

runProcess(() => import('./cli/runtime-main.js'));
