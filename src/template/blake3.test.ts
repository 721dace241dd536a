import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blake3, toHex } from './blake3.js';

/** The official test vectors' input: bytes 0, 1, …, 250 repeating. */
const pattern = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => i % 251);

// The first 32 bytes of the hash-mode outputs in BLAKE3's test_vectors.json.
const VECTORS: [number, string][] = [
  [0, 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
  [1, '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213'],
  [1023, '10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11'],
  [1024, '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7'],
  [1025, 'd00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444'],
  [2048, 'e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a'],
  [2049, '5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030'],
  [3072, 'b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2'],
  [3073, '7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3'],
  [4096, '015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969'],
  [4097, '9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995'],
  [5121, '628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff'],
  [7169, 'a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817'],
];

void describe('blake3', () => {
  for (const [length, expected] of VECTORS) {
    void it(`matches the official vector for ${length} bytes`, () => {
      assert.equal(toHex(blake3(pattern(length))), expected);
    });
  }

  void it('hashes "abc"', () => {
    assert.equal(
      toHex(blake3(new TextEncoder().encode('abc'))),
      '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85',
    );
  });

  void it('returns a prefix of the digest when asked for fewer bytes', () => {
    assert.equal(toHex(blake3(pattern(1025), 8)), 'd00278ae47eb27b3');
  });
});
