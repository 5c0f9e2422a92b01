#!/usr/bin/env python3
"""Peer timing: datasketch MinHash + MinHashLSH over the same generated corpus.

The setup people commonly use for news dedup: lowercase word tokens, word
5-gram shingles, 128-permutation MinHash, MinHashLSH at threshold 0.5; every
document is queried before it is inserted, and a hit makes it a duplicate.
Prints MB/s (wall, one core) and recall / precision against the planted pairs
(copy ids end in "-copy", see bench/gen_corpus.cc). Needs numpy and scipy
(datasketch's own imports) and a datasketch checkout given by --datasketch.
"""
import argparse
import json
import os
import re
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--datasketch', required=True, help='datasketch checkout')
    parser.add_argument('--corpus', required=True)
    parser.add_argument('--truth', required=True)
    parser.add_argument('--limit', type=int, default=0, help='stop after this many records')
    args = parser.parse_args()
    sys.path.insert(0, args.datasketch)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError as error:
        print(f'peer datasketch: skipped ({error})')
        return
    word = re.compile(r'\w+')
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    found = set()
    size = 0
    records = 0
    start = time.perf_counter()
    with open(args.corpus, encoding='utf-8') as corpus:
        for line in corpus:
            record = json.loads(line)
            text = record['text']
            size += len(line.encode('utf-8'))
            words = word.findall(text.lower())
            shingles = {' '.join(words[i:i + 5]).encode('utf-8')
                        for i in range(max(1, len(words) - 4))}
            signature = MinHash(num_perm=128)
            signature.update_batch(shingles)
            for other in lsh.query(signature):
                found.add(frozenset((record['id'], other)))
            lsh.insert(record['id'], signature)
            records += 1
            if args.limit and records >= args.limit:
                break
    seconds = time.perf_counter() - start
    truth = set()
    with open(args.truth, encoding='utf-8') as lines:
        for line in lines:
            copy, original, _ = line.rstrip('\n').split('\t')
            truth.add(frozenset((copy, original)))
    if args.limit:
        seen = set()
        with open(args.corpus, encoding='utf-8') as corpus:
            for _, line in zip(range(records), corpus):
                seen.add(json.loads(line)['id'])
        truth = {pair for pair in truth if pair <= seen}
    hits = len(truth & found)
    print(f'peer datasketch: {records} docs, {seconds:.2f} s, {size / 1e6 / seconds:.2f} MB/s '
          f'(one core), candidate recall {hits / max(1, len(truth)):.4f}, '
          f'precision {hits / max(1, len(found)):.4f} (LSH hits, unverified)')


if __name__ == '__main__':
    main()
