/**
 * The kernel's start-up preload: `node --import <this file> node_modules/.bin/tslab kernel …`
 * (see kernel-compiler.ts). Used by the runner's kernels and by the kernelspec that
 * `npm run kernel:install` writes. It also installs the disk data source, so that a cell that
 * imports a module of the package by its path (not through "interspin-notebooks") reads files too.
 */
import { prepareKernelCompiler } from "./in-kernel/kernel-compiler.js";
import { prepareKernelSessions } from "./in-kernel/session-reset.js";
import { installFileSource } from "../node/file-source.js";

prepareKernelCompiler();
prepareKernelSessions();
installFileSource();
