import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { occlusionDataAttributes, parseOcclusionShape } from './image-occlusion.js';

void describe('occlusionDataAttributes', () => {
  void it('maps the shape and its geometry', () => {
    assert.equal(
      occlusionDataAttributes('rect:left=10:top=20:width=30:height=10'),
      'data-shape="rect" data-left="10" data-top="20" data-width="30" data-height="10" ',
    );
    assert.equal(
      occlusionDataAttributes('ellipse:left=15:top=20:width=10:height=20:rx=10:ry=5'),
      'data-shape="ellipse" data-left="15" data-top="20" data-width="10" data-height="20" data-rx="10" data-ry="5" ',
    );
    assert.equal(occlusionDataAttributes('polygon:points=0,0 10,10 20,0'), 'data-shape="polygon" data-points="0,0 10,10 20,0" ');
  });

  void it('unescapes \\: and attribute-encodes text', () => {
    assert.equal(occlusionDataAttributes('text:text=foo\\:bar:left=10'), 'data-shape="text" data-text="foo&#x3A;bar" data-left="10" ');
  });

  void it('drops zero sizes, empty values, unknown keys and unknown shapes', () => {
    assert.equal(
      occlusionDataAttributes('star:width=0:height=5:fill=#f00:color=red:angle=45:scale=0:fs=12:left='),
      'data-height="5" data-fill="#f00" data-angle="45" data-font-size="12" ',
    );
    assert.equal(occlusionDataAttributes('rect'), '');
    assert.equal(occlusionDataAttributes('polygon:points=1 2,3  4,5'), 'data-shape="polygon" data-points="2,3 4,5" ');
  });
});

void describe('parseOcclusionShape', () => {
  void it('stops at the first property that does not parse', () => {
    assert.deepEqual(parseOcclusionShape('rect:left=1:top=:width=3'), { shape: 'rect', properties: [['left', '1']] });
    assert.deepEqual(parseOcclusionShape('rect:left=1:=2'), { shape: 'rect', properties: [['left', '1']] });
    assert.deepEqual(parseOcclusionShape('rect:left=1\\x:top=2'), { shape: 'rect', properties: [] });
    assert.deepEqual(parseOcclusionShape('rect:left'), { shape: 'rect', properties: [] });
  });

  void it('allows an empty value at the end and colons in names', () => {
    assert.deepEqual(parseOcclusionShape('rect:a:b=1:top='), {
      shape: 'rect',
      properties: [
        ['a:b', '1'],
        ['top', ''],
      ],
    });
  });

  void it('is null for text without a colon', () => {
    assert.equal(parseOcclusionShape('rect'), null);
  });
});
