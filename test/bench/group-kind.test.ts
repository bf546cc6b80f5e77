/** The long-window bench splits rule-evaluation time by kind of group; every group of both tools has a kind. */
import { expect, test } from 'vitest';
import { groupKind } from '../../bench/lib/rule-cost.js';
import { alertingGroupName, recordingGroupName, slowRecordingGroupName } from '../../src/core/conventions/metrics.js';

test('our groups by their suffix, Sloth groups by their prefix, even for SLO ids that contain a kind', () => {
  const id = 'fleet-alerts-sli';
  expect([recordingGroupName(id), slowRecordingGroupName(id), alertingGroupName(id)].map(groupKind)).toEqual(['sli', 'window', 'alerts']);
  // Sloth v0.16 names its groups sloth-slo-<kind>-<service>-<slo>.
  expect(['sloth-slo-sli-recordings-fleet-window', 'sloth-slo-meta-recordings-fleet-sli', 'sloth-slo-alerts-fleet-x'].map(groupKind)).toEqual([
    'sli-recordings',
    'meta-recordings',
    'alerts',
  ]);
  expect(groupKind('node-exporter')).toBe('other');
});
