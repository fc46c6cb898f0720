package io.nexus.formats.paths;

import io.nexus.engine.ChannelDictionary;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps channel names given as UTF-8 byte ranges to dictionary ids without making a String per touch: a name is
 * decoded once, the first time it is seen, and refused if its bytes are not UTF-8. Not thread-safe.
 */
final class ChannelInterner {
  private final ChannelDictionary dictionary;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[][] names = new byte[64][];
  private int[] hashes = new int[64];
  private int[] ids = new int[64];
  private int size;

  ChannelInterner(ChannelDictionary dictionary) {
    this.dictionary = dictionary;
  }

  /**
   * The id of the name in {@code bytes[from..to)}.
   *
   * @throws CharacterCodingException when a name seen for the first time is not UTF-8
   */
  int idOf(byte[] bytes, int from, int to) throws CharacterCodingException {
    int hash = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      hash = (hash ^ bytes[i]) * 0x01000193;
    }
    int mask = names.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      byte[] name = names[slot];
      if (name == null) {
        int id = dictionary.idOf(utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString());
        names[slot] = Arrays.copyOfRange(bytes, from, to);
        hashes[slot] = hash;
        ids[slot] = id;
        if (++size * 2 > names.length) {
          grow();
        }
        return id;
      }
      if (hashes[slot] == hash && Arrays.equals(name, 0, name.length, bytes, from, to)) {
        return ids[slot];
      }
    }
  }

  private void grow() {
    byte[][] oldNames = names;
    int[] oldHashes = hashes;
    int[] oldIds = ids;
    names = new byte[oldNames.length * 2][];
    hashes = new int[names.length];
    ids = new int[names.length];
    int mask = names.length - 1;
    for (int i = 0; i < oldNames.length; i++) {
      if (oldNames[i] != null) {
        int slot = oldHashes[i] & mask;
        while (names[slot] != null) {
          slot = (slot + 1) & mask;
        }
        names[slot] = oldNames[i];
        hashes[slot] = oldHashes[i];
        ids[slot] = oldIds[i];
      }
    }
  }
}
