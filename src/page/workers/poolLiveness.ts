/**
 * How the pool tells a hung or silently closed worker from a busy one: such a worker fires no error
 * event, so the pool pings its ready workers and loses one that stays silent too long. Pure.
 */
import type { Member } from './poolMembers';

/** How often the pool pings its ready workers, ms. */
export const PING_EVERY_MS = 5_000;

/**
 * Silence after which a ready worker counts as lost, ms: a worker that closed itself or hangs fires
 * no error event. Long enough for the slowest single step seen (a software-WebGL first step).
 */
export const SILENT_LIMIT_MS = 60_000;

/**
 * A ping round at `now` (ms): the ready workers silent for SILENT_LIMIT_MS since a ping, each with
 * why it is lost, and the others to ping. Silence counts from a ping, not from the last message, so
 * a hidden tab whose timers the browser slows to one a minute does not lose its idle workers.
 * Workers still starting are not judged: a crash then fires an error, and a probe may take long.
 */
export function pingRound(
  members: readonly Member[],
  now: number,
): { silent: { member: Member; reason: string }[]; ping: Member[] } {
  const silent: { member: Member; reason: string }[] = [];
  const ping: Member[] = [];
  for (const member of members) {
    if (!member.ready) continue;
    const since = member.unansweredSince;
    if (since !== null && now - since >= SILENT_LIMIT_MS) {
      const seconds = Math.round((now - since) / 1000);
      const reason = `the training worker stopped answering (nothing from it for ${seconds} s)`;
      silent.push({ member, reason });
    } else {
      ping.push(member);
    }
  }
  return { silent, ping };
}
