import { at } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { awsTypes, isOfType } from "./types";

/** The API server is reached from the VPC (VPN, bastion, CI runners inside), not from the internet. */
export const awsEksPrivateEndpoint: ResourceRule = {
  name: "aws-eks-private-endpoint",
  family: "aws",
  summary: "the EKS API endpoint is private (vpcConfig.endpointPublicAccess false); advisory in dev",
  scope: "resource",
  checkSubject(subject) {
    if (!isOfType(subject, awsTypes.eksCluster)) return [];
    // EKS opens the public endpoint unless told not to.
    const access = at(subject.inputs, "vpcConfig.endpointPublicAccess");
    if (access === false) return [];
    if (isUnknown(access)) return [undetermined("vpcConfig.endpointPublicAccess")];
    return ["the EKS API endpoint is public: set vpcConfig.endpointPublicAccess to false (reach the API from inside the VPC)"];
  },
};
