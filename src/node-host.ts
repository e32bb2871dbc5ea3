/**
 * The Node host of the notebook API: the core reads files from disk and shows through tslab's
 * display (inside a kernel; outside one nothing is shown). Imported first by the package entry
 * (`index.ts`), so it is in place before any notebook code runs.
 */
import { useDisplay } from "./api/display.js";
import { installFileSource } from "./node/file-source.js";
import { tslabDisplay } from "./notebook/display/display.js";

installFileSource();
useDisplay(tslabDisplay);
