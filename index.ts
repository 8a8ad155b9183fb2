// Pulumi entry point: the stack outputs are what strataProgram returns (documented in stack/outputs.ts).
import { strataProgram } from "./stack/program";

export = strataProgram;
