import type { PolicyDocument } from "../../manifests/aws-iam";

/**
 * Interruption handling: EC2 and AWS Health send events to an SQS queue through EventBridge rules, and
 * Karpenter reads it, cordoning and draining a node before its spot instance is reclaimed (a two-minute
 * warning), when EC2 recommends rebalancing away from it, before a scheduled maintenance of its instance, and
 * when it stops or terminates. The rules are Karpenter 1.14.1's reference ones (cloudformation.yaml).
 */

export interface InterruptionRule {
  /** Logical name (and the rule's description). */
  name: string;
  description: string;
  eventPattern: { source: string[]; "detail-type": string[] };
}

export const interruptionRules: readonly InterruptionRule[] = [
  { name: "scheduled-change", description: "AWS Health events: scheduled maintenance of the nodes' instances", eventPattern: { source: ["aws.health"], "detail-type": ["AWS Health Event"] } },
  { name: "spot-interruption", description: "Spot interruption warnings (two minutes before the reclaim)", eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] } },
  { name: "rebalance", description: "EC2 rebalance recommendations (a spot instance at elevated risk)", eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] } },
  { name: "instance-state-change", description: "EC2 instance state changes (stopping, stopped, shutting down, terminated)", eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] } },
  {
    name: "capacity-reservation-interruption",
    description: "Interruption warnings of instances in interruptible capacity reservations",
    eventPattern: { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
  },
];

/** Events older than this are of no use to Karpenter (the reference's retention). */
export const QUEUE_MESSAGE_RETENTION_SECONDS = 300;

/**
 * Who may use the queue: EventBridge may send, and only for this stack's rules (the reference lets any rule
 * of any account send); nothing over plain HTTP.
 */
export function interruptionQueuePolicy(queueArn: string, ruleArns: string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EventBridgeRulesOfThisCluster",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArns } },
      },
      { Sid: "DenyHTTP", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ],
  };
}
