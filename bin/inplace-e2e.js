#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm ci / npm install run `prepare`, which builds it).
import process from 'node:process';
import { main } from '../dist/lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
