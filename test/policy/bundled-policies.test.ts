import { describe, expect, it } from 'vitest';
import { bundledPolicyIds, resolvePolicy } from '../../src/adapters/policy/load-policy.js';

const H = 3_600_000;

describe('bundled policies', () => {
  it('are the five vendor models', () => {
    expect(bundledPolicyIds()).toEqual(['connectsoft', 'olt-ems', 'sma-opcon', 'telestax-restcomm', 'websoft9']);
  });

  it.each(bundledPolicyIds())('%s loads without problems and lists its assumptions', (id) => {
    const p = resolvePolicy(id);
    expect(p.id).toBe(id);
    expect(p.currency).toBe('USD');
    expect(p.assumptions.length).toBeGreaterThan(0);
  });

  it("resolve business days through each calendar's day length", () => {
    const olt = resolvePolicy('olt-ems');
    const starter = olt.tiers.find((t) => t.id === 'starter')!;
    expect(starter.targets.get('P4')!.firstResponse!.ms).toBe(5 * 9 * H);
    const telestax = resolvePolicy('telestax-restcomm');
    const standard = telestax.tiers.find((t) => t.id === 'standard')!;
    expect(standard.targets.get('P3')!.ongoingResponse!.ms).toBe(2 * 8 * H);
    expect(standard.targets.get('P1')!.firstResponse).toMatchObject({ ms: 24 * H, calendar: '24x7' });
    const connectsoft = resolvePolicy('connectsoft');
    const premium = connectsoft.tiers.find((t) => t.id === 'premium')!;
    expect(premium.targets.get('low')!.firstResponse).toMatchObject({ ms: 24 * H, calendar: 'extended' });
    expect(premium.availabilityTarget).toBe(99.9);
  });

  it("model the seeds' billing zones and credit rules", () => {
    expect(resolvePolicy('sma-opcon')).toMatchObject({
      billingZone: 'America/Chicago',
      credits: { capPercent: 100, claimBy: null },
    });
    const sma = resolvePolicy('sma-opcon');
    expect(sma.tiers.map((t) => [t.id, t.availabilityTarget])).toEqual([
      ['support', 99.9],
      ['managed-operations', 99.9],
      ['managed-services', 99.9],
    ]);
    expect(sma.credits.models[0]).toMatchObject({
      kind: 'availability-tiers',
      consecutiveMonths: 2,
      nthFailingMonthInYear: 3,
    });
    expect(resolvePolicy('olt-ems').credits).toMatchObject({ capPercent: 10, claimBy: { kind: 'days-after', n: 30 } });
    expect(resolvePolicy('websoft9').rules).toEqual([
      { kind: 'reclassify', from: ['high'], to: 'general', when: { kind: 'no-incident' } },
    ]);
    expect(resolvePolicy('telestax-restcomm').defaultPriority).toBe('P3');
  });
});
