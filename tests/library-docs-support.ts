import * as path from "node:path";
import ts from "typescript";
import { PROJECT_DIR } from "./harness";

/** One argument field of a component, as its TSDoc documents it. */
export interface ArgField {
  args: string;
  field: string;
  optional: boolean;
  doc: string;
  defaultTag: string | undefined;
  file: string;
}

/**
 * Every field of every `…Args` type components/index.ts exports (inherited and generic ones resolved), with
 * its TSDoc, read by the TypeScript compiler as an editor shows it.
 */
export function componentArgFields(entry = path.join(PROJECT_DIR, "components", "index.ts")): ArgField[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT_DIR, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram([entry], parsed.options);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const fields: ArgField[] = [];
  for (const exported of checker.getExportsOfModule(module).filter((s) => s.name.endsWith("Args"))) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.declarations?.[0];
      if (!declaration) continue;
      const file = path.relative(PROJECT_DIR, declaration.getSourceFile().fileName);
      if (file.startsWith("node_modules")) continue;
      const defaultTag = property.getJsDocTags(checker).find((t) => t.name === "default");
      fields.push({
        args: exported.name,
        field: property.name,
        optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
        doc: ts.displayPartsToString(property.getDocumentationComment(checker)).trim(),
        defaultTag: defaultTag ? ts.displayPartsToString(defaultTag.text).trim() : undefined,
        file,
      });
    }
  }
  return fields;
}
