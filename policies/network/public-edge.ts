import { platformNamespaces } from "../platform/namespaces";
import { isObject, list, record } from "../engine/fields";
import type { Finding } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import { apiGroupOf } from "../pod-security/pod-spec";
import { serviceSpec } from "./service";

/**
 * What the public-edge rules know about a stack: its internet-facing load balancers as the AWS Load Balancer
 * Controller (or the in-tree cloud provider) would make them, and the Istio Gateways behind an NLB.
 */

/** The annotations that make an AWS load balancer internal: the controller's scheme, the in-tree provider's flag. */
export const NLB_SCHEME_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const NLB_INTERNAL_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-internal";
export const ALB_SCHEME_ANNOTATION = "alb.ingress.kubernetes.io/scheme";
export const ALB_ANNOTATION = {
  listenPorts: "alb.ingress.kubernetes.io/listen-ports",
  sslRedirect: "alb.ingress.kubernetes.io/ssl-redirect",
  certificateArn: "alb.ingress.kubernetes.io/certificate-arn",
  wafv2AclArn: "alb.ingress.kubernetes.io/wafv2-acl-arn",
} as const;
const INGRESS_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

const annotationsOf = (subject: ObjectSubject) => record(subject.object.metadata?.annotations) as Record<string, unknown>;

/**
 * A LoadBalancer Service that the internet can reach: no internal scheme annotation says otherwise (the
 * in-tree provider's default is internet-facing, and a rule cannot know which controller acts on it).
 */
export function isInternetFacingService(subject: ObjectSubject): boolean {
  const spec = serviceSpec(subject);
  if (!spec || spec.type !== "LoadBalancer") return false;
  const annotations = annotationsOf(subject);
  if (isUnknown(annotations[NLB_SCHEME_ANNOTATION]) || isUnknown(annotations[NLB_INTERNAL_ANNOTATION])) return false;
  return annotations[NLB_SCHEME_ANNOTATION] !== "internal" && annotations[NLB_INTERNAL_ANNOTATION] !== "true";
}

/**
 * What a preview leaves undecided at the edge: a Service whose type or scheme is unknown, an Ingress whose class
 * is unknown, or an ALB whose scheme is. Each is said (undetermined), never taken as internal or as public.
 */
export function undecidedEdges(stack: PolicyStack): { subject: ObjectSubject; field: string }[] {
  const services = stack.ofKind("", "Service").flatMap((subject) => {
    const spec = serviceSpec(subject);
    if (!spec) return [];
    if (isUnknown(spec.type)) return [{ subject, field: "spec.type" }];
    if (spec.type !== "LoadBalancer") return [];
    const annotations = annotationsOf(subject);
    const unknown = [NLB_SCHEME_ANNOTATION, NLB_INTERNAL_ANNOTATION].find((a) => isUnknown(annotations[a]));
    return unknown ? [{ subject, field: `metadata.annotations["${unknown}"]` }] : [];
  });
  const ingresses = stack.ofKind("networking.k8s.io", "Ingress").flatMap((subject) => {
    const field = undecidedAlbField(subject);
    return field ? [{ subject, field }] : [];
  });
  return [...services, ...ingresses];
}

/** The field that leaves a preview unsure whether an Ingress is an internet-facing ALB: its class, or an ALB's scheme. */
export function undecidedAlbField(subject: ObjectSubject): string | undefined {
  if (subject.kind !== "Ingress" || apiGroupOf(subject.object.apiVersion) !== "networking.k8s.io") return undefined;
  const className = record(subject.object.spec).ingressClassName;
  const legacy = annotationsOf(subject)[INGRESS_CLASS_ANNOTATION];
  if (!isAlbIngress(subject) && (isUnknown(className) || isUnknown(legacy))) return isUnknown(className) ? "spec.ingressClassName" : `metadata.annotations["${INGRESS_CLASS_ANNOTATION}"]`;
  if (isAlbIngress(subject) && isUnknown(annotationsOf(subject)[ALB_SCHEME_ANNOTATION])) return `metadata.annotations["${ALB_SCHEME_ANNOTATION}"]`;
  return undefined;
}

/** The undecided edges as findings of a rule that judges internet-facing load balancers. */
export function undecidedEdgeFindings(stack: PolicyStack): Finding[] {
  return undecidedEdges(stack).map(({ subject, field }) => ({ subject, message: undetermined(field, "whether it is an internet-facing load balancer could not be judged in this preview") }));
}

/** An Ingress the AWS Load Balancer Controller makes an ALB of (class `alb`, by field or legacy annotation). */
export function isAlbIngress(subject: ObjectSubject): boolean {
  if (subject.kind !== "Ingress" || apiGroupOf(subject.object.apiVersion) !== "networking.k8s.io") return false;
  return record(subject.object.spec).ingressClassName === "alb" || annotationsOf(subject)[INGRESS_CLASS_ANNOTATION] === "alb";
}

/** An internet-facing ALB: the controller's default scheme is internal, so only the annotation makes one. */
export function isInternetFacingAlb(subject: ObjectSubject): boolean {
  return isAlbIngress(subject) && annotationsOf(subject)[ALB_SCHEME_ANNOTATION] === "internet-facing";
}

/** An ALB annotation's text, or undefined when it is not set (or unknown: see albAnnotationUnknown). */
export function albAnnotation(subject: ObjectSubject, key: keyof typeof ALB_ANNOTATION): string | undefined {
  const value = annotationsOf(subject)[ALB_ANNOTATION[key]];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Whether a preview does not know an ALB annotation yet (an ARN of a certificate or Web ACL Strata creates in the same update). */
export function albAnnotationUnknown(subject: ObjectSubject, key: keyof typeof ALB_ANNOTATION): boolean {
  return isUnknown(annotationsOf(subject)[ALB_ANNOTATION[key]]);
}

export function internetFacingServices(stack: PolicyStack): ObjectSubject[] {
  return stack.ofKind("", "Service").filter(isInternetFacingService);
}

export function internetFacingAlbs(stack: PolicyStack): ObjectSubject[] {
  return stack.ofKind("networking.k8s.io", "Ingress").filter(isInternetFacingAlb);
}

/** The Istio Gateways whose pods a Service sends to: every label the Gateway selects by, the Service selects by too. */
export function gatewaysBehind(stack: PolicyStack, service: ObjectSubject): ObjectSubject[] {
  const selector = record(serviceSpec(service)?.selector);
  if (Object.keys(selector).length === 0) return [];
  return stack.ofKind("networking.istio.io", "Gateway").filter((gateway) => {
    const wants = record(record(gateway.object.spec).selector);
    const keys = Object.keys(wants);
    // A Gateway selects its pods in every namespace unless istiod restricts it; its own namespace's pods are the gateway's.
    return keys.length > 0 && keys.every((k) => selector[k] === wants[k]);
  });
}

export interface GatewayServer {
  index: number;
  protocol: string;
  /** The protocol as given (unknown in a preview when computed). */
  protocolValue: unknown;
  hosts: string[];
  tls: Record<string, unknown>;
}

export function serversOf(gateway: ObjectSubject): GatewayServer[] {
  return list<unknown>(record(gateway.object.spec).servers).map((s, index) => {
    const server = record(s);
    return {
      index,
      protocol: String(record(server.port).protocol ?? "").toUpperCase(),
      protocolValue: record(server.port).protocol,
      hosts: list<unknown>(server.hosts).filter((h): h is string => typeof h === "string").map((h) => h.replace(/^[^/]*\//, "")),
      tls: record(server.tls),
    };
  });
}

/** Whether a preview leaves unknown if a server ends TLS: its protocol, its TLS settings or their certificate. */
export function tlsUnknown(server: GatewayServer): boolean {
  return isUnknown(server.protocolValue) || isUnknown(server.tls) || isUnknown(server.tls.mode) || isUnknown(server.tls.credentialName) || isUnknown(server.tls.serverCertificate);
}

/** A gateway's servers whose TLS a preview does not know, each said (undetermined) for the gateway. */
export function undecidedServerFindings(gateway: ObjectSubject, servers: GatewayServer[]): Finding[] {
  return servers.filter(tlsUnknown).map((server) => ({ subject: gateway, message: undetermined(`servers[${server.index}].tls`) }));
}

/** A server that ends TLS with a certificate (SIMPLE or MUTUAL, from a Secret or files). */
export function servesTls(server: GatewayServer): boolean {
  const mode = String(server.tls.mode ?? "");
  const certificate = typeof server.tls.credentialName === "string" || typeof server.tls.serverCertificate === "string" || isObject(server.tls.credentialNames);
  return server.protocol === "HTTPS" && (mode === "SIMPLE" || mode === "MUTUAL") && certificate;
}

/** Whether a server host pattern covers a host (exact, `*.` wildcard, or `*`). */
export function hostCovers(pattern: string, host: string): boolean {
  return pattern === "*" || pattern === host || (pattern.startsWith("*.") && host.endsWith(pattern.slice(1)) && !host.slice(0, -pattern.length + 1).includes("."));
}

/** The gateway namespace, where the platform's edge lives. */
export const GATEWAY_NAMESPACE = platformNamespaces.gateway;
