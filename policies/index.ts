import { PolicyPack } from "@pulumi/policy";
import { crossGuardPolicy } from "./crossguard";
import { POLICY_RULES } from "./rules";

// The Strata policy pack: `pulumi preview --policy-pack policies --policy-pack-config policies/config/<stack>.json`.
// Every rule is a pure function in this folder; this file only hands them to CrossGuard.
new PolicyPack("strata", { enforcementLevel: "mandatory", policies: POLICY_RULES.map(crossGuardPolicy) });
