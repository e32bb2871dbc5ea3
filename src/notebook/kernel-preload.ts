/**
 * The kernel's start-up preload: `node --import <this file> node_modules/.bin/tslab kernel …`
 * (see kernel-compiler.ts). Used by the runner's kernels and by the kernelspec that
 * `npm run kernel:install` writes.
 */
import { prepareKernelCompiler } from "./in-kernel/kernel-compiler.js";
import { prepareKernelSessions } from "./in-kernel/session-reset.js";

prepareKernelCompiler();
prepareKernelSessions();
