// makeTestRoom for one vitest file: every room it makes is removed after each test. Apart from
// test-room.ts, which benchmarks import outside vitest.
import { afterEach } from 'vitest';
import { makeTestRoom, type TestRoom, type TestRoomOptions } from './test-room';

export function roomPerTest(): (dir?: string, options?: TestRoomOptions) => TestRoom {
  const made: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of made.splice(0)) cleanup();
  });
  return (dir, options) => {
    const room = makeTestRoom(dir, options);
    made.push(room.cleanup);
    return room;
  };
}
