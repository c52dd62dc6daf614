/**
 * Server-to-client WebSocket frames (RFC 6455 §5.2: FIN, binary opcode, no mask), built once per
 * message however many sockets it goes to. A relay sends one message to every other client of a
 * board; through ws each send builds its own header and writes header and payload with writev. Here
 * the frame is one buffer, built on the first send of a message and reused for the sends of the
 * same message that follow (a relay sends them back to back), each of them one plain write.
 */
export class BinaryFrames {
  private lastMessage: Uint8Array | null = null
  private lastFrame: Buffer | null = null

  /** The frame carrying `message`; the same buffer for the same message object sent again. */
  frame(message: Uint8Array): Buffer {
    if (message === this.lastMessage && this.lastFrame !== null) return this.lastFrame
    const frame = encodeBinaryFrame(message)
    this.lastMessage = message
    this.lastFrame = frame
    return frame
  }
}

const FIN_BINARY = 0x82

/** One unmasked, final binary frame holding `payload`. */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerLength + length)
  frame[0] = FIN_BINARY
  if (length < 126) {
    frame[1] = length
  } else if (length < 0x10000) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    // Payloads are bounded far below 2^53 (MAX_FRAME_BYTES), so the high word is zero or small.
    frame.writeUInt32BE(Math.floor(length / 0x100000000), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(payload, headerLength)
  return frame
}
