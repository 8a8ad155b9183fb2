import { strict as assert } from "node:assert";
import { secretConfigValues, secretIn, withoutSecrets } from "../config/secret-config";

/** Which config strings are secret (config/secret-config.ts): the rule the program registers by. */
describe("secret config values", () => {
  const values = { layers: [{ name: "api", replicas: 2, env: { TOKEN: "tok-123456" }, serviceAccount: { annotations: { a: "arn:aws:iam::1:role/x" } } }], profile: "dev" };

  it("where the secure: leaves are known (the stack file), only those, each at its key path", () => {
    assert.deepEqual(secretConfigValues(values, ["layers"], [["layers", 0, "env", "TOKEN"]]), [{ path: "layers[0].env.TOKEN", value: "tok-123456", secure: true }]);
  });

  it("where only the key is known to be secret (the engine), every string of it, none refusable; numbers are plain", () => {
    assert.deepEqual(secretConfigValues(values, ["layers"]), [
      { path: "layers[0].name", value: "api", secure: false },
      { path: "layers[0].env.TOKEN", value: "tok-123456", secure: false },
      { path: "layers[0].serviceAccount.annotations.a", value: "arn:aws:iam::1:role/x", secure: false },
    ]);
    assert.deepEqual(secretConfigValues(values, []), []);
  });

  it("a text holds a secret of four characters or more anywhere, a shorter one only whole", () => {
    const secrets = secretConfigValues(values, ["layers"]);
    assert.equal(secretIn("Bearer tok-123456", secrets)?.path, "layers[0].env.TOKEN");
    assert.equal(secretIn("api", secrets)?.path, "layers[0].name");
    assert.equal(secretIn("api-gateway", secrets), undefined);
  });

  it("a config error names the key and never shows the value", () => {
    const secrets = secretConfigValues(values, ["layers"], [["layers", 0, "env", "TOKEN"]]);
    assert.deepEqual(withoutSecrets([{ path: "layers[0].env.TOKEN", message: 'expected a URL, got "tok-123456"' }], secrets), [{ path: "layers[0].env.TOKEN", message: 'expected a URL, got "[secret]"' }]);
  });
});
