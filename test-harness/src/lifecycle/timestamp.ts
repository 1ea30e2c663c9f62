import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

/** The current time as a protobuf Timestamp. */
export function timestampNow(): Timestamp {
  const now = Date.now();
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(now / 1000));
  timestamp.setNanos((now % 1000) * 1_000_000);
  return timestamp;
}
