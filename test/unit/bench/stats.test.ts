import { expect } from 'chai';
import { fitLinear, fitPowerLaw, predictLinear, predictPower } from '../../../lib/bench/fit.js';
import { fractionAtMost, percentile, percentileOfSorted, summarize } from '../../../lib/bench/stats.js';

describe('bench/stats', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('nearest rank: the p-th percentile of 1..100 is p itself, whatever the input order', () => {
    const shuffled = [...oneToHundred].reverse();
    expect(percentile(shuffled, 50)).to.equal(50);
    expect(percentile(shuffled, 95)).to.equal(95);
    expect(percentile(shuffled, 99)).to.equal(99);
    expect(percentile(shuffled, 100)).to.equal(100);
    expect(percentile(shuffled, 0.5)).to.equal(1);
  });

  it('is a measured value, never an interpolation, and p99 of fewer than 100 values is the maximum', () => {
    const v = [10, 20, 30, 40];
    expect(percentile(v, 50)).to.equal(20); // ceil(0.5·4) = 2nd
    expect(percentile(v, 51)).to.equal(30); // ceil(2.04) = 3rd
    expect(percentile(v, 95)).to.equal(40);
    expect(percentile(v, 99)).to.equal(40);
    const thirty = Array.from({ length: 30 }, (_, i) => (i + 1) * 100);
    expect(percentile(thirty, 99)).to.equal(3000);
    expect(percentile(thirty, 95)).to.equal(2900); // ceil(28.5) = 29th
  });

  it('keeps p·n that is an integer at that rank despite floating point (7/100 · 100 = 7)', () => {
    expect((7 / 100) * 100).to.not.equal(7); // the trap: 7.000000000000001 would round up to rank 8
    expect(percentile(oneToHundred, 7)).to.equal(7);
  });

  it('refuses empty samples, percentiles out of range, and non-finite values in a summary', () => {
    expect(() => percentileOfSorted([], 50)).to.throw(RangeError);
    expect(() => percentile([1], 0)).to.throw(RangeError);
    expect(() => percentile([1], 101)).to.throw(RangeError);
    expect(() => summarize([1, Number.NaN])).to.throw(/NaN/);
    expect(summarize([])).to.equal(undefined);
  });

  it('summarizes n, min, p50, p95, p99, max and mean exactly', () => {
    expect(summarize(oneToHundred)).to.deep.equal({ n: 100, min: 1, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
    expect(summarize([7])).to.deep.equal({ n: 1, min: 7, p50: 7, p95: 7, p99: 7, max: 7, mean: 7 });
  });

  it('fractionAtMost counts values at or below the limit', () => {
    expect(fractionAtMost([1000, 5000, 5001, 9000], 5000)).to.equal(0.5);
    expect(fractionAtMost([1, 2, Number.POSITIVE_INFINITY], 5)).to.be.closeTo(2 / 3, 1e-12);
  });
});

describe('bench/fit', () => {
  it('recovers an exact straight line with R² 1', () => {
    const f = fitLinear([1, 4, 16, 64].map((x) => ({ x, y: 3 + 0.5 * x })));
    expect(f.intercept).to.be.closeTo(3, 1e-12);
    expect(f.slope).to.be.closeTo(0.5, 1e-12);
    expect(f.r2).to.be.closeTo(1, 1e-12);
    expect(predictLinear(f, 10)).to.be.closeTo(8, 1e-12);
  });

  it('recovers an exact power law on log-log axes', () => {
    const f = fitPowerLaw([1, 4, 16].map((x) => ({ x, y: 2 * x ** 0.5 })));
    expect(f.coefficient).to.be.closeTo(2, 1e-12);
    expect(f.exponent).to.be.closeTo(0.5, 1e-12);
    expect(f.r2).to.be.closeTo(1, 1e-12);
    expect(predictPower(f, 64)).to.be.closeTo(16, 1e-9);
  });

  it('gives the least-squares line and its R² for scattered points (worked by hand)', () => {
    // x 1,2,3; y 1,3,2: mean x 2, mean y 2, Sxy = 1, Sxx = 2, Syy = 2 → slope 0.5, intercept 1, R² 0.25.
    const f = fitLinear([
      { x: 1, y: 1 },
      { x: 2, y: 3 },
      { x: 3, y: 2 },
    ]);
    expect(f.slope).to.be.closeTo(0.5, 1e-12);
    expect(f.intercept).to.be.closeTo(1, 1e-12);
    expect(f.r2).to.be.closeTo(0.25, 1e-12);
  });

  it('a flat series has exponent 0 and slope 0', () => {
    const points = [1, 4, 16].map((x) => ({ x, y: 7 }));
    expect(fitPowerLaw(points).exponent).to.be.closeTo(0, 1e-12);
    expect(fitLinear(points).slope).to.equal(0);
    expect(fitLinear(points).r2).to.equal(1);
  });

  it('refuses fits it cannot make', () => {
    expect(() => fitLinear([{ x: 1, y: 1 }])).to.throw(RangeError);
    expect(() =>
      fitLinear([
        { x: 2, y: 1 },
        { x: 2, y: 3 },
      ]),
    ).to.throw(/distinct x/);
    expect(() =>
      fitPowerLaw([
        { x: 0, y: 1 },
        { x: 2, y: 3 },
      ]),
    ).to.throw(/x > 0/);
  });
});
