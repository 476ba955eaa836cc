// @ts-check
// The build starts from empty output folders: a file a rename left behind (dist/src/spec, say)
// would otherwise be packed and shipped. Run from a package's folder: removes its dist/.
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
