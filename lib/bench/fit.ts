// Growth of recovery time with the fleet size N, by ordinary least squares. Two models, both reported:
// a power law t = a · N^b fitted as a straight line on log-log axes (b is the growth exponent: 0 flat,
// 1 linear), and a straight line t = c + d · N (d is the cost of one more pod). R² says how well each fits.

export interface Point {
  x: number;
  y: number;
}

export interface LinearFit {
  model: 'linear';
  /** t = intercept + slope · N */
  intercept: number;
  slope: number;
  r2: number;
  points: number;
}

export interface PowerFit {
  model: 'power';
  /** t = coefficient · N^exponent, fitted on ln t = ln coefficient + exponent · ln N */
  coefficient: number;
  exponent: number;
  /** R² of the straight-line fit in log-log space. */
  r2: number;
  points: number;
}

function ols(points: readonly Point[]): { intercept: number; slope: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0) throw new RangeError('a fit needs at least two distinct x values');
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // All y equal: the line explains everything there is to explain.
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { intercept, slope, r2 };
}

export function fitLinear(points: readonly Point[]): LinearFit {
  if (points.length < 2) throw new RangeError(`a linear fit needs at least 2 points, got ${points.length}`);
  return { model: 'linear', ...ols(points), points: points.length };
}

export function fitPowerLaw(points: readonly Point[]): PowerFit {
  if (points.length < 2) throw new RangeError(`a power-law fit needs at least 2 points, got ${points.length}`);
  for (const p of points)
    if (!(p.x > 0 && p.y > 0)) throw new RangeError(`a power-law fit needs x > 0 and y > 0, got (${p.x}, ${p.y})`);
  const { intercept, slope, r2 } = ols(points.map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) })));
  return { model: 'power', coefficient: Math.exp(intercept), exponent: slope, r2, points: points.length };
}

export function predictLinear(f: LinearFit, x: number): number {
  return f.intercept + f.slope * x;
}

export function predictPower(f: PowerFit, x: number): number {
  return f.coefficient * x ** f.exponent;
}
