import { expect } from 'chai';
import { peer } from '@hyperledger/fabric-protos';
import {
  bytesField,
  bytesOf,
  numberOf,
  ProtobufReadError,
  readFields,
  serialize,
  stringField,
  utf8Field,
  varintField,
  type FieldValue,
} from '../../src';

const MALFORMED = 'proto: cannot parse invalid wire-format data';

/** The error `read` throws: protobuf-go's text as message, what was wrong as detail. */
function refusal(read: () => unknown): ProtobufReadError {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(ProtobufReadError);
    return error as ProtobufReadError;
  }
  throw new Error('expected a ProtobufReadError');
}

function fieldsOf(bytes: Uint8Array): [number, FieldValue][] {
  const fields: [number, FieldValue][] = [];
  readFields(bytes, (field, value) => fields.push([field, value]));
  return fields;
}

describe('protobuf writer and reader, checked against @hyperledger/fabric-protos', () => {
  it('writes what google-protobuf writes, varints of every length included', () => {
    for (const status of [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_152, 2 ** 31 - 1]) {
      const response = new peer.Response();
      response.setStatus(status);
      response.setMessage('ok ø € 😀');
      response.setPayload(Buffer.alloc(200, 7));
      const ours = serialize([
        varintField(1, status),
        stringField(2, 'ok ø € 😀'),
        bytesField(3, Buffer.alloc(200, 7)),
      ]);
      expect(Buffer.from(ours).toString('hex'), `status ${status}`).to.equal(
        Buffer.from(response.serializeBinary()).toString('hex'),
      );
    }
  });

  it('reads what google-protobuf writes: int32 (negative too), strings, bytes and nested messages', () => {
    const event = new peer.ChaincodeEvent();
    event.setEventName('Created');
    event.setPayload(Buffer.from('{}'));
    const message = new peer.ChaincodeMessage();
    message.setType(peer.ChaincodeMessage.Type.COMPLETED);
    message.setTxid('tx1');
    message.setChaincodeEvent(event);
    message.setChannelId('mychannel');
    const fields = fieldsOf(message.serializeBinary());
    expect(fields.map(([field]) => field)).to.deep.equal([1, 4, 6, 7]);
    expect(numberOf(fields[0]![1])).to.equal(peer.ChaincodeMessage.Type.COMPLETED);
    expect(utf8Field(fields[1]![1])).to.equal('tx1');
    expect(fieldsOf(bytesOf(fields[2]![1])).map(([field, value]) => [field, utf8Field(value)])).to.deep.equal([
      [3, 'Created'],
      [4, '{}'],
    ]);

    const response = new peer.Response();
    response.setStatus(-1);
    const [status] = fieldsOf(response.serializeBinary());
    expect(response.serializeBinary().length, 'a negative int32 takes ten bytes').to.equal(11);
    expect(numberOf(status![1])).to.equal(-1);
  });

  it('skips fixed-width fields as unknown fields', () => {
    // field 9, wire type 1 (8 bytes), field 10, wire type 5 (4 bytes), then field 2 (a string): only it is visited.
    const bytes = Buffer.concat([
      Buffer.from([0x49]),
      Buffer.alloc(8),
      Buffer.from([0x55]),
      Buffer.alloc(4),
      Buffer.from([0x12, 0x01, 0x61]),
    ]);
    expect(fieldsOf(bytes).map(([field, value]) => [field, utf8Field(value)])).to.deep.equal([[2, 'a']]);
    expect(refusal(() => fieldsOf(Buffer.from([0x55, 0x00])))).to.include({
      message: MALFORMED,
      detail: 'field 10 runs past the end',
    });
  });

  it("refuses truncated messages, groups and non-UTF-8 strings with protobuf-go's texts, and says what was wrong", () => {
    expect(refusal(() => fieldsOf(Buffer.from([0x0a, 0x05, 0x61])))).to.include({
      message: MALFORMED,
      detail: 'field 1 runs past the end',
    });
    expect(refusal(() => fieldsOf(Buffer.from([0x08, 0x80])))).to.include({
      message: MALFORMED,
      detail: 'truncated varint',
    });
    expect(refusal(() => fieldsOf(Buffer.from([0x0b])))).to.include({
      message: MALFORMED,
      detail: 'wire type 3 (groups) in field 1',
    });
    expect(refusal(() => fieldsOf(Buffer.from([0x02])))).to.include({ message: MALFORMED, detail: 'field number 0' });
    expect(refusal(() => fieldsOf(Buffer.from([0x08, ...Array<number>(10).fill(0xff), 0x01])))).to.include({
      message: MALFORMED,
      detail: 'varint longer than 10 bytes',
    });
    expect(refusal(() => utf8Field(1)).detail).to.equal('a string field holds a varint');
    // google-protobuf writes a lone surrogate as three bytes (CESU-8), which Go's protobuf refuses.
    const lone = new peer.GetState();
    lone.setKey('a\ud800');
    const [key] = fieldsOf(lone.serializeBinary());
    expect(refusal(() => utf8Field(key![1]))).to.include({
      message: 'string field contains invalid UTF-8',
      detail: 'a string field is not UTF-8',
    });
    // U+FFFD itself is valid UTF-8 and passes.
    const replacement = new peer.GetState();
    replacement.setKey('a\ufffd');
    expect(utf8Field(fieldsOf(replacement.serializeBinary())[0]![1])).to.equal('a\ufffd');
    expect(() => numberOf(Buffer.from('x'))).to.throw(ProtobufReadError);
    expect(() => bytesOf(1)).to.throw(ProtobufReadError);
  });
});
