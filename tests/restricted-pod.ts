/** A Pod that passes every rule of `strata validate` (restricted Pod Security, resources, a pinned image): tests break it one field at a time. */
export const RESTRICTED_POD = `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: vendor }
spec:
  containers:
    - name: c
      image: registry.example.com/c:1.0.0
      resources: { requests: { cpu: 10m, memory: 8Mi }, limits: { memory: 8Mi } }
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] }, runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
`;
