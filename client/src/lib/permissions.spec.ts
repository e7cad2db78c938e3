import { can, type Action } from './permissions';

describe('can', () => {
  // Every role against the actions that tell them apart: one table, read across.
  const table: [Action, { wall: boolean; viewer: boolean; analyst: boolean; admin: boolean }][] = [
    ['stories.read', { wall: true, viewer: true, analyst: true, admin: true }],
    ['alerts.read', { wall: true, viewer: true, analyst: true, admin: true }],
    ['workspace.use', { wall: false, viewer: true, analyst: true, admin: true }],
    ['feeds.read', { wall: false, viewer: true, analyst: true, admin: true }],
    ['alerts.acknowledge', { wall: false, viewer: false, analyst: true, admin: true }],
    ['rules.edit', { wall: false, viewer: false, analyst: true, admin: true }],
    ['clusters.edit', { wall: false, viewer: false, analyst: true, admin: true }],
    ['feeds.manage', { wall: false, viewer: false, analyst: false, admin: true }],
    ['users.manage', { wall: false, viewer: false, analyst: false, admin: true }],
    ['tokens.manage', { wall: false, viewer: false, analyst: false, admin: true }],
    ['audit.read', { wall: false, viewer: false, analyst: false, admin: true }],
  ];

  it.each(table)('%s', (action, expected) => {
    expect({
      wall: can('wall', action),
      viewer: can('viewer', action),
      analyst: can('analyst', action),
      admin: can('admin', action),
    }).toEqual(expected);
  });

  it('lets nobody who is signed out do anything', () => {
    expect(can(null, 'stories.read')).toBe(false);
    expect(can(undefined, 'alerts.read')).toBe(false);
  });
});
