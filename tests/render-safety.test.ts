import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { MANIFEST_FILE, RenderError, writeTree, type RenderedTree } from "../render";
import { CLI, strata } from "./cli-support";
import { PROJECT_DIR } from "./harness";
import { renderedTree, tempDir } from "./render-support";
import { EMPTY_LOCK_GRACE_MS } from "../render/render-lock";

/**
 * render owns only what it wrote (issue 15, item 5): it replaces the files its manifest lists and nothing
 * else, writes beside the old tree and swaps, takes a lock, and refuses an --out that is a file, `/`, the
 * project root or a symlink, in one line each (exit 2).
 */

/** Every file and symlink under `dir`, relative, with its content (a link: `-> target`). */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => !fs.lstatSync(path.join(dir, f)).isDirectory())
      .sort()
      .map((f) => {
        const full = path.join(dir, f);
        return [f, fs.lstatSync(full).isSymbolicLink() ? `-> ${fs.readlinkSync(full)}` : fs.readFileSync(full, "utf8")];
      }),
  );
}

/** A user's own files in a render's directory: a git repository, a README, overlays, a patch beside a layer's files, a link. */
const USER_FILES: Record<string, string> = {
  ".git/HEAD": "ref: refs/heads/main\n",
  ".git/objects/ab/cdef": "blob",
  "README.md": "# our GitOps repo\n",
  "overlays/prod/kustomization.yaml": "resources: [../../]\n",
  "l0-ingestion/our-patch.yaml": "# ours\n",
};

function addUserFiles(dir: string): void {
  for (const [file, text] of Object.entries(USER_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.symlinkSync("README.md", path.join(dir, "LINK.md"));
}

function userFilesOf(dir: string): Record<string, string> {
  const all = contents(dir);
  return Object.fromEntries(Object.entries(all).filter(([f]) => f in USER_FILES || f === "LINK.md"));
}

const expectedUserFiles = { ...USER_FILES, "LINK.md": "-> README.md" };

function treeFiles(t: RenderedTree): Record<string, string> {
  return Object.fromEntries([...t.files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The render's files as written: everything but the user's and the manifest. */
function renderedFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(contents(dir)).filter(([f]) => !(f in expectedUserFiles) && f !== MANIFEST_FILE));
}

describe("render safety: it owns only what it wrote", () => {
  it("records its files in a manifest and replaces only those: .git, a README, overlays, a patch and a link survive; a file no longer rendered goes", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    const dev = renderedTree("dev");
    writeTree(dev, out);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8")), { renderedBy: "strata render", stack: "dev", files: Object.keys(treeFiles(dev)) });
    addUserFiles(out);
    // The next render leaves out one file the previous one wrote: it goes.
    const fewer = renderedTree("dev");
    const dropped = [...fewer.files.keys()].find((f) => f.startsWith("redis/") && !f.endsWith("kustomization.yaml"))!;
    fewer.files.delete(dropped);
    writeTree(fewer, out);
    assert.deepEqual(userFilesOf(out), expectedUserFiles);
    assert.deepEqual(renderedFiles(out), treeFiles(fewer));
    assert.ok(!fs.existsSync(path.join(out, dropped)));
    assert.deepEqual(fs.readdirSync(parent), ["rendered"], "nothing left beside the output (no lock, no staged tree)");
  });

  it("a directory a previous render no longer needs goes when only its files were in it, stays when the user's are", () => {
    const out = path.join(tempDir(), "rendered");
    writeTree(renderedTree("dev"), out);
    fs.writeFileSync(path.join(out, "l0-ingestion", "ours.txt"), "mine");
    const fewer = renderedTree("dev");
    for (const f of [...fewer.files.keys()]) if (f.startsWith("redis/") || f.startsWith("l0-ingestion/")) fewer.files.delete(f);
    writeTree(fewer, out);
    assert.ok(!fs.existsSync(path.join(out, "redis")));
    assert.deepEqual(fs.readdirSync(path.join(out, "l0-ingestion")), ["ours.txt"]);
  });

  it("a fake render header makes nothing the render's: only files that carry it themselves are replaced", () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, "kustomization.yaml"), "# Rendered by `strata render --stack x` (fake)\n");
    addUserFiles(out);
    writeTree(renderedTree("dev"), out);
    assert.deepEqual(userFilesOf(out), expectedUserFiles);
    assert.deepEqual(renderedFiles(out), treeFiles(renderedTree("dev")));
  });

  it("a file of the user's where the render would write one is refused with one line, and nothing changes", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    // A previous render that no longer wrote redis/, and a file of the user's where it will write one again.
    const fewer = renderedTree("dev");
    for (const f of [...fewer.files.keys()]) if (f.startsWith("redis/")) fewer.files.delete(f);
    writeTree(fewer, out);
    fs.mkdirSync(path.join(out, "redis"));
    fs.writeFileSync(path.join(out, "redis", "kustomization.yaml"), "resources: [mine]\n");
    const before = contents(out);
    assert.throws(
      () => writeTree(renderedTree("dev"), out),
      (e: unknown) => e instanceof RenderError && e.message === `${path.join(fs.realpathSync(out), "redis/kustomization.yaml")} was not written by strata render (not in ${MANIFEST_FILE}): refusing to replace it; move it away`,
    );
    assert.deepEqual(contents(out), before);
    assert.deepEqual(fs.readdirSync(parent), ["rendered"]);
  });

  it("a tampered manifest cannot make the render delete what is outside its tree or in .git", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    addUserFiles(out);
    fs.writeFileSync(path.join(parent, "outside.txt"), "mine");
    const manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), "utf8"));
    manifest.files.push("../outside.txt", ".git/HEAD", "/etc/hostname", "overlays/../README.md");
    fs.writeFileSync(path.join(out, MANIFEST_FILE), JSON.stringify(manifest));
    writeTree(renderedTree("dev"), out);
    assert.deepEqual(userFilesOf(out), expectedUserFiles);
    assert.equal(fs.readFileSync(path.join(parent, "outside.txt"), "utf8"), "mine");
  });
});

describe("render safety: --out refused in one line (exit 2), nothing written", () => {
  const refused = async (args: string[], message: RegExp) => {
    const r = await strata(["render", "--stack", "dev", ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr.trim(), message);
    assert.equal(r.stdout, "");
  };

  it("a file", async () => {
    const file = path.join(tempDir(), "file");
    fs.writeFileSync(file, "mine");
    await refused(["--out", file], /^strata render: --out .*\/file is a file, not a directory$/);
    assert.equal(fs.readFileSync(file, "utf8"), "mine");
    await refused(["--out", path.join(file, "below")], /^strata render: --out .*\/file\/below lies under .*\/file, which is a file, not a directory$/);
  });

  it("/", async () => {
    await refused(["--out", "/"], /^strata render: --out \/ is the root directory: give a directory of its own/);
    await refused(["--out", "/tmp/.."], /^strata render: --out \/tmp\/\.\. is the root directory/);
  });

  it("the project root, or a directory holding it", async () => {
    const project = tempDir("strata-project-");
    for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(PROJECT_DIR, f), path.join(project, f));
    const before = contents(project);
    for (const [out, what] of [[project, "the project root"], [`${project}/.`, "the project root"], [path.dirname(project), "a directory holding the project"]]) {
      const r = await strata(["-C", project, "render", "--stack", "dev", "--out", out]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `strata render: --out ${out} is ${what}: give a directory of its own, e.g. rendered/<stack>\n`);
    }
    assert.deepEqual(contents(project), before);
    // Below it is fine: rendered/<stack> is where renders go.
    assert.equal((await strata(["-C", project, "render", "--stack", "dev", "--out", path.join(project, "rendered", "dev")])).code, 0);
  });

  it("an empty --out (it would resolve to the current directory)", async () => {
    for (const out of ["", " "]) await refused(["--out", out], /^strata render: --out is empty: give a directory of its own, e\.g\. rendered\/<stack>$/);
  });

  it("a directory holding files but no render (a home directory, the current one, a header deep down): nothing in it changes, nothing beside it", async () => {
    const home = tempDir();
    const parent = tempDir();
    const deep = path.join(parent, "deep");
    fs.mkdirSync(path.join(deep, "sub"), { recursive: true });
    fs.writeFileSync(path.join(deep, "sub", "a.yaml"), "# Rendered by `strata render --stack x` (only deep down)\n");
    fs.writeFileSync(path.join(home, ".bashrc"), "mine\n");
    fs.mkdirSync(path.join(home, "work"));
    fs.writeFileSync(path.join(home, "work", "notes.txt"), "mine\n");
    for (const dir of [home, deep]) {
      const before = contents(dir);
      const siblings = fs.readdirSync(path.dirname(dir)).sort();
      await refused(["--out", dir], new RegExp(`^strata render: --out ${dir} holds files that are not a render's: give a new or empty directory, or a previous render's$`));
      assert.deepEqual(contents(dir), before);
      assert.deepEqual(fs.readdirSync(path.dirname(dir)).sort(), siblings, "no lock left beside it");
    }
    // The same from the current directory (`--out .`), run as the built CLI there.
    const r = spawnSync(process.execPath, [CLI, "-C", PROJECT_DIR, "render", "--stack", "dev", "--out", "."], { cwd: home, encoding: "utf8" });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, "strata render: --out . holds files that are not a render's: give a new or empty directory, or a previous render's\n");
    // An empty directory, or a previous render's (a manifest, or a pre-manifest top kustomization.yaml with the header), is the render's.
    const empty = tempDir();
    assert.equal((await strata(["render", "--stack", "dev", "--out", empty])).code, 0);
  });

  it("a symlink, to a render or anywhere else", async () => {
    const parent = tempDir();
    const real = path.join(parent, "real");
    writeTree(renderedTree("dev"), real);
    const before = contents(real);
    fs.symlinkSync(real, path.join(parent, "link"));
    fs.symlinkSync("/etc", path.join(parent, "elsewhere"));
    await refused(["--out", path.join(parent, "link")], new RegExp(`^strata render: --out .*/link is a symlink to ${real}: give the directory itself$`));
    await refused(["--out", path.join(parent, "elsewhere")], /^strata render: --out .*\/elsewhere is a symlink to \/etc: give the directory itself$/);
    assert.deepEqual(contents(real), before);
    assert.deepEqual(fs.readdirSync(parent).sort(), ["elsewhere", "link", "real"]);
  });
});

/** The built CLI rendering prod into `out`, paused (by its test hook) after `files` files of the new tree, once it says so. */
async function pausedRender(out: string, files: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, "-C", PROJECT_DIR, "render", "--stack", "prod", "--out", out], {
    env: { ...process.env, STRATA_RENDER_PAUSE_AFTER_FILES: String(files) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`paused after ${files} files`)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`render exited (${code}) before pausing: ${stderr}`)));
  });
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    process.kill(child.pid!, "SIGKILL");
  });
}

describe("render safety: interrupted and concurrent renders (the built CLI, killed by pid)", function () {
  this.timeout(180_000);
  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run npm run build`);
  });

  it("a render killed mid-write leaves the old tree (and the user's files) intact; the next render succeeds and clears what it left", async () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    addUserFiles(out);
    const before = contents(out);
    const child = await pausedRender(out, 200);
    // Mid-write: the new tree half-written beside the old one, the lock held.
    const beside = fs.readdirSync(parent).filter((f) => f !== "rendered").sort();
    assert.equal(beside.length, 2, beside.join(", "));
    assert.match(beside[0], /^\.rendered\.strata-lock$/);
    assert.match(beside[1], /^\.rendered\.strata-new-\d+-/);
    await killed(child);
    assert.deepEqual(contents(out), before, "the old tree as it was");

    const again = await strata(["render", "--stack", "prod", "--out", out]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(userFilesOf(out), expectedUserFiles);
    assert.deepEqual(renderedFiles(out), treeFiles(renderedTree("prod")));
    assert.deepEqual(fs.readdirSync(parent), ["rendered"], "the dead render's lock and half tree are gone");
  });

  it("a concurrent render into the same directory fails in one line (exit 1) and writes nothing", async () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    const before = contents(out);
    const child = await pausedRender(out, 10);
    try {
      const second = await strata(["render", "--stack", "dev", "--out", out]);
      assert.equal(second.code, 1);
      assert.equal(second.stderr, `strata: another render (pid ${child.pid}) is writing ${fs.realpathSync(out)}: nothing was written (its lock: ${path.join(fs.realpathSync(parent), ".rendered.strata-lock")})\n`);
      assert.deepEqual(contents(out), before);
    } finally {
      await killed(child);
    }
    assert.equal((await strata(["render", "--stack", "dev", "--out", out])).code, 0);
  });
});

describe("render safety: the lock is taken over only from a render that died, by one render at a time", function () {
  this.timeout(180_000);
  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run npm run build`);
  });

  it("a lock that holds no pid yet (its render is starting) is held for the grace period, then taken over", async () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    const before = contents(out);
    const lock = path.join(fs.realpathSync(parent), ".rendered.strata-lock");
    fs.writeFileSync(lock, "");
    const second = await strata(["render", "--stack", "dev", "--out", out]);
    assert.equal(second.code, 1);
    assert.equal(second.stderr, `strata: another render is writing ${fs.realpathSync(out)}: nothing was written (its lock: ${lock}, which holds no pid yet: a render is starting)\n`);
    assert.deepEqual(contents(out), before);
    assert.equal(fs.readFileSync(lock, "utf8"), "", "the starting render's lock is left alone");
    // Older than the grace period: its render died before writing its pid.
    const old = new Date(Date.now() - EMPTY_LOCK_GRACE_MS - 1_000);
    fs.utimesSync(lock, old, old);
    assert.equal((await strata(["render", "--stack", "dev", "--out", out])).code, 0);
    assert.deepEqual(fs.readdirSync(parent), ["rendered"]);
  });

  it("renders that all find a dead render's lock at once: exactly one takes it over, the others are refused", async () => {
    const parent = tempDir();
    const target = path.join(parent, "rendered");
    fs.mkdirSync(target);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    fs.writeFileSync(path.join(parent, ".rendered.strata-lock"), `${dead}\n`);
    // Each waits for the same instant, then asks for the lock and holds it for two seconds.
    const start = Date.now() + 3_000;
    const script = `const { withRenderLock } = require(${JSON.stringify(path.join(PROJECT_DIR, "dist", "render", "render-lock.js"))});
      while (Date.now() < ${start});
      try { withRenderLock(${JSON.stringify(target)}, () => { const until = Date.now() + 2000; while (Date.now() < until); }); console.log("took"); }
      catch (e) { console.log(e.constructor.name); }`;
    const runs = Array.from({ length: 6 }, () => spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] }));
    const said = await Promise.all(runs.map((child) => new Promise<string>((resolve) => {
      let text = "";
      child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
      child.on("exit", () => resolve(text.trim()));
    })));
    assert.deepEqual(said.filter((s) => s === "took"), ["took"], said.join(", "));
    assert.deepEqual(said.filter((s) => s !== "took"), Array(5).fill("RenderLockedError"), said.join(", "));
    assert.deepEqual(fs.readdirSync(parent), ["rendered"], "no lock, draft or takeover file left");
  });
});

/** Whether this machine lets a test mount a tmpfs in a user namespace of its own (`unshare -rm`). */
function canMount(): boolean {
  return spawnSync("unshare", ["-rm", "sh", "-c", `mount -t tmpfs none "${tempDir()}"`]).status === 0;
}

/** `script` in a mount namespace of its own ($1 the output directory, $CLI the built CLI): its exit code and output. */
function inMountNamespace(out: string, script: string) {
  return spawnSync("unshare", ["-rm", "sh", "-c", script, "sh", out], { encoding: "utf8", env: { ...process.env, CLI: `${process.execPath} ${CLI} -C ${PROJECT_DIR}` } });
}

describe("render safety: other file systems (a tmpfs mounted in a user namespace)", function () {
  this.timeout(180_000);
  before(function () {
    if (!fs.existsSync(CLI)) assert.fail(`${CLI} is missing: run npm run build`);
    if (!canMount()) {
      console.log("      SKIPPED: `unshare -rm` cannot mount a tmpfs here (no user namespaces)");
      this.skip();
    }
  });

  it("a mount inside a previous render is refused in one line (exit 2): nothing is copied or removed, on it or beside it", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    writeTree(renderedTree("dev"), out);
    addUserFiles(out);
    fs.mkdirSync(path.join(out, "overlays", "mnt"));
    const before = contents(out);
    const r = inMountNamespace(
      out,
      `mount -t tmpfs none "$1/overlays/mnt" && echo mine > "$1/overlays/mnt/data" && $CLI render --stack dev --out "$1"; code=$?; cat "$1/overlays/mnt/data"; ls -A "$(dirname "$1")"; exit $code`,
    );
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `strata render: --out ${out} holds overlays/mnt on another file system (a mount): a render never carries files across file systems; unmount it or give another directory\n`);
    assert.equal(r.stdout, "mine\nrendered\n", "the mount's file is there and nothing was left beside the output");
    assert.deepEqual(contents(out), before);
  });

  it("an output that is a mount point itself is written in place: the user's files stay, the render's are replaced", () => {
    const parent = tempDir();
    const out = path.join(parent, "rendered");
    fs.mkdirSync(out);
    const r = inMountNamespace(
      out,
      `mount -t tmpfs none "$1" && $CLI render --stack prod --out "$1" >/dev/null && echo mine > "$1/README.md" && $CLI render --stack dev --out "$1" >/dev/null; code=$?; cat "$1/README.md"; grep -c . "$1/${MANIFEST_FILE}"; ls -A "$(dirname "$1")"; exit $code`,
    );
    assert.equal(r.status, 0, r.stderr);
    const [readme, manifestLines, ...beside] = r.stdout.trim().split("\n");
    assert.equal(readme, "mine");
    assert.equal(Number(manifestLines), 6 + renderedTree("dev").files.size, "the manifest lists the dev render's files");
    assert.deepEqual(beside, ["rendered"]);
  });
});
