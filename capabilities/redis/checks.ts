import type { CheckContext } from "../../config/capability-config";
import { dataServiceDeployed, dataServiceReferenceIssues, serviceSection } from "../../config/data-services";
import type { ConfigIssue } from "../../config/issues";
import { isInt, type Raw } from "../../config/raw";
import { redisDefaults } from "./defaults";

/** Redis's checks: a follower for every leader in prod. They read the raw config defensively. */
export function redisIssues(context: CheckContext): ConfigIssue[] {
  const issues = dataServiceReferenceIssues("redis", context);
  if (dataServiceDeployed(context.raw, "redis", context.layers)) issues.push(...redisSectionIssues(serviceSection(context.raw, "redis"), context));
  return issues;
}

function redisSectionIssues(redis: Raw, context: CheckContext): ConfigIssue[] {
  if (context.profile !== "prod" || !isInt(redis.followers)) return [];
  const leaders = isInt(redis.leaders) ? redis.leaders : redisDefaults.leaders;
  if (redis.followers >= leaders) return [];
  return [
    {
      path: "redis.followers",
      message: `prod needs a follower for every leader (${leaders} leaders, got ${redis.followers} followers): a leader without one loses its slots' data when its node goes`,
    },
  ];
}
