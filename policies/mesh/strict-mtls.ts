import { platformNamespaces } from "../platform/namespaces";
import { ISTIO_SECURITY_API_GROUP } from "../platform/mesh";
import { record } from "../engine/fields";
import { isUnknown, undetermined } from "../engine/unknown";
import type { StackRule } from "../engine/rule";
import { hasMesh, isMeshWide, missingObject, peerAuthentications } from "./mesh";

/** Mutual TLS between every pair of meshed workloads: a mesh-wide STRICT PeerAuthentication. */
export const meshStrictMtls: StackRule = {
  name: "mesh-strict-mtls",
  family: "mesh",
  summary: `a stack with a mesh has a mesh-wide PeerAuthentication (namespace ${platformNamespaces.meshRoot}, no selector) with mtls.mode STRICT; advisory in dev`,
  scope: "stack",
  checkStack(stack) {
    if (!hasMesh(stack)) return [];
    const meshWide = peerAuthentications(stack).filter(isMeshWide);
    const modes = meshWide.map((p) => record(record(p.object.spec).mtls).mode);
    if (modes.includes("STRICT")) return [];
    if (modes.some(isUnknown)) return [{ subject: meshWide[modes.findIndex(isUnknown)], message: undetermined("mtls.mode") }];
    const subject = meshWide[0] ?? missingObject(`${ISTIO_SECURITY_API_GROUP}/v1`, "PeerAuthentication", platformNamespaces.meshRoot, "default");
    return [{ subject, message: `the mesh has no mesh-wide STRICT mTLS: a PeerAuthentication in ${platformNamespaces.meshRoot} without a selector must set mtls.mode: STRICT` }];
  },
};
