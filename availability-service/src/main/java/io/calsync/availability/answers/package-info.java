/**
 * The availability answers: loads a user's materialized busy time, schedule and calendar freshness, lets the domain
 * decide (free slots, conflicts, team slots, what stale data means) and shapes the answers the API returns. Every
 * answer carries its {@link io.calsync.availability.answers.FreshnessView}.
 */
package io.calsync.availability.answers;
