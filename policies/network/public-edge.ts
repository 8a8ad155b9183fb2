import { platformNamespaces } from "../../platform/namespaces";
import { isObject, list, record } from "../engine/fields";
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
  return annotations[NLB_SCHEME_ANNOTATION] !== "internal" && annotations[NLB_INTERNAL_ANNOTATION] !== "true";
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

export function albAnnotation(subject: ObjectSubject, key: keyof typeof ALB_ANNOTATION): string | undefined {
  const value = annotationsOf(subject)[ALB_ANNOTATION[key]];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
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
  hosts: string[];
  tls: Record<string, unknown>;
}

export function serversOf(gateway: ObjectSubject): GatewayServer[] {
  return list<unknown>(record(gateway.object.spec).servers).map((s, index) => {
    const server = record(s);
    return {
      index,
      protocol: String(record(server.port).protocol ?? "").toUpperCase(),
      hosts: list<unknown>(server.hosts).filter((h): h is string => typeof h === "string").map((h) => h.replace(/^[^/]*\//, "")),
      tls: record(server.tls),
    };
  });
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
