/**
 * e^x for the softmax family's inner loops. V8's Math.exp is a call out of JIT-compiled code (about
 * 10 ns here), which made 10^6-logit kernels slower than PyTorch's vectorised ones; this inlines.
 * (A table log written the same way was slower than Math.log once inlined into a kernel: the
 * float-to-bits round trip through a typed array costs more than it saves, so there is none.)
 *
 * Table method (as glibc's exp): x = (k·N + j)·ln2/N + r with |r| ≤ ln2/(2N), N = 256, so
 * e^x = 2^k · 2^(j/N) · e^r, with e^r from a degree-5 polynomial (truncation error < 1e-19 at
 * |r| ≤ 0.00136) and ln2/N split Cody–Waite style so that the reduction is exact. Within 3 ulp of
 * Math.exp (test/core/fastexp.test.ts), far inside the 1e-9 the contract asks. Outside |x| < 708
 * (overflow, subnormal results, ±∞, NaN) it defers to Math.exp.
 */

const N = 256;
/**
 * 2^(j/256), each correctly rounded (computed with mpmath at 200 bits; test/core/fastmath.test.ts
 * proves the rounding in exact integer arithmetic). Written out rather than computed as 2 ** (j/N):
 * Node 20's ** is 1 ulp off for 32 of these, and Chromium's is not, so the renderer (Chromium) and
 * the core in Node gave different losses wherever e^x came from this table.
 */
export const TABLE = Float64Array.of(
  1, 1.0027112750502025, 1.0054299011128027, 1.0081558981184175,
  1.0108892860517005, 1.0136300849514894, 1.016378314910953, 1.019133996077738,
  1.0218971486541166, 1.0246677928971357, 1.0274459491187637, 1.030231637686041,
  1.0330248790212284, 1.0358256936019572, 1.0386341019613787, 1.041450124688316,
  1.0442737824274138, 1.0471050958792898, 1.0499440858006872, 1.0527907730046264,
  1.0556451783605572, 1.0585073227945128, 1.061377227289262, 1.0642549128844645,
  1.0671404006768237, 1.0700337118202419, 1.0729348675259756, 1.075843889062791,
  1.0787607977571199, 1.0816856149932152, 1.0846183622133092, 1.0875590609177697,
  1.0905077326652577, 1.0934643990728858, 1.0964290818163769, 1.099401802630222,
  1.102382583307841, 1.1053714457017412, 1.1083684117236787, 1.1113735033448175,
  1.1143867425958924, 1.1174081515673693, 1.1204377524096067, 1.12347556733302,
  1.1265216186082418, 1.129575928566288, 1.1326385195987192, 1.1357094141578055,
  1.1387886347566916, 1.1418762039695616, 1.1449721444318042, 1.148076478840179,
  1.1511892299529827, 1.154310420590216, 1.1574400736337511, 1.1605782120274988,
  1.1637248587775775, 1.1668800369524817, 1.1700437696832502, 1.1732160801636373,
  1.1763969916502812, 1.1795865274628758, 1.182784710984341, 1.1859915656609938,
  1.189207115002721, 1.1924313825831512, 1.1956643920398273, 1.1989061670743806,
  1.202156731452703, 1.2054161090051239, 1.2086843236265816, 1.2119613992768012,
  1.215247359980469, 1.2185422298274085, 1.2218460329727576, 1.2251587936371455,
  1.22848053610687, 1.2318112847340759, 1.2351510639369334, 1.2384998981998165,
  1.241857812073484, 1.245224830175258, 1.2486009771892048, 1.2519862778663162,
  1.255380757024691, 1.2587844395497165, 1.2621973503942507, 1.2656195145788063,
  1.2690509571917332, 1.2724917033894028, 1.275941778396392, 1.2794012075056693,
  1.2828700160787783, 1.2863482295460256, 1.2898358734066657, 1.2933329732290895,
  1.2968395546510096, 1.3003556433796506, 1.3038812651919358, 1.3074164459346773,
  1.3109612115247644, 1.3145155879493546, 1.318079601266064, 1.3216532776031575,
  1.3252366431597413, 1.3288297242059544, 1.3324325470831615, 1.3360451382041458,
  1.339667524053303, 1.3432997311868353, 1.3469417862329458, 1.3505937158920345,
  1.3542555469368927, 1.3579273062129011, 1.3616090206382248, 1.365300717204012,
  1.3690024229745905, 1.3727141650876684, 1.3764359707545302, 1.380167867260238,
  1.383909881963832, 1.387662042298529, 1.3914243757719262, 1.3951969099662003,
  1.3989796725383112, 1.4027726912202048, 1.4065759938190154, 1.4103896082172707,
  1.4142135623730951, 1.4180478843204152, 1.4218926021691656, 1.4257477441054942,
  1.42961333839197, 1.433489413367789, 1.4373759974489824, 1.4412731191286257,
  1.4451808069770467, 1.449099089642035, 1.4530279958490526, 1.4569675544014438,
  1.460917794180647, 1.4648787441464057, 1.4688504333369818, 1.4728328908693675,
  1.4768261459394993, 1.4808302278224719, 1.4848451658727524, 1.488870989524397,
  1.4929077282912648, 1.4969554117672355, 1.5010140696264256, 1.5050837316234065,
  1.5091644275934228, 1.5132561874526098, 1.5173590411982147, 1.5214730189088146,
  1.5255981507445384, 1.529734466947287, 1.533881997840956, 1.5380407738316568,
  1.5422108254079407, 1.5463921831410214, 1.550584877685, 1.5547889397770887,
  1.559004400237837, 1.5632312899713576, 1.567469639965553, 1.5717194812923414,
  1.5759808451078865, 1.5802537626528246, 1.5845382652524937, 1.588834384317164,
  1.593142151342267, 1.597461597908627, 1.6017927556826934, 1.606135656416771,
  1.6104903319492543, 1.6148568142048607, 1.6192351351948637, 1.6236253270173289,
  1.6280274218573478, 1.632441451987275, 1.6368674497669644, 1.6413054476440063,
  1.645755478153965, 1.6502175739206177, 1.6546917676561943, 1.6591780921616162,
  1.6636765803267364, 1.6681872651305825, 1.6727101796415966, 1.6772453570178785,
  1.681792830507429, 1.6863526334483934, 1.6909247992693053, 1.6955093614893326,
  1.7001063537185235, 1.7047158096580513, 1.709337763100463, 1.713972247929926,
  1.718619298122478, 1.723278947746274, 1.7279512309618377, 1.732636182022311,
  1.7373338352737062, 1.7420442251551564, 1.746767386199169, 1.7515033530318782,
  1.7562521603732995, 1.761013843037584, 1.7657884359332727, 1.7705759740635547,
  1.7753764925265212, 1.7801900265154245, 1.785016611318935, 1.789856282321401,
  1.7947090750031072, 1.7995750249405351, 1.804454167806624, 1.809346539371032,
  1.8142521755003989, 1.8191711121586085, 1.8241033854070534, 1.8290490314048973,
  1.8340080864093424, 1.8389805867758937, 1.843966568958626, 1.8489660695104508,
  1.8539791250833855, 1.8590057724288205, 1.864046048397789, 1.8690999899412386,
  1.8741676341103, 1.8792490180565602, 1.8843441790323345, 1.8894531543909392,
  1.8945759815869656, 1.8997126981765553, 1.9048633418176741, 1.9100279502703899,
  1.9152065613971474, 1.9203992131630474, 1.925605943636125, 1.930826790987627,
  1.9360617934922943, 1.9413109895286405, 1.9465744175792332, 1.9518521162309783,
  1.9571441241754002, 1.9624504802089273, 1.9677712232331759, 1.9731063922552343,
  1.978456026387951, 1.9838201648502194, 1.9891988469672663, 1.9945921121709402,
);
/** 2^e for the integer part, e in [-1100, 1099]: one exact multiplication. */
const POW2 = (() => {
  const t = new Float64Array(2200);
  for (let e = -1100; e < 1100; e++) t[e + 1100] = 2 ** e;
  return t;
})();
/** Adding and subtracting 1.5·2^52 rounds a double to the nearest integer. */
const ROUND = 6755399441055744;
const N_OVER_LN2 = N / Math.LN2;
// fdlibm's split of ln 2: the high part has 32 significant bits, so k·HI is exact for |k| < 2^21.
const LN2_N_HI = 6.93147180369123816490e-1 / N;
const LN2_N_LO = 1.90821492927058770002e-10 / N;

export function expFast(x: number): number {
  if (!(x > -708 && x < 708)) return Math.exp(x);
  const kd = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kd * LN2_N_HI - kd * LN2_N_LO;
  const k = kd | 0;
  const j = k & (N - 1);
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return TABLE[j] * p * POW2[((k - j) >> 8) + 1100];
}

// ---------------------------------------------------------------------------------------------
// Near 0: e^x and softplus from one table read
// ---------------------------------------------------------------------------------------------

/** |x| below which expNear and the softplus helpers use the wide table; m = round(|x|·256/ln 2) ≤ 8125 < WIDE there. */
export const NEAR = 22;
const WIDE = 8192;
/**
 * 2^(i/256) for i in [−WIDE, WIDE], at index i + WIDE: TABLE[i & 255] times the power of two,
 * which is exact (every product is a normal number), so these are the correctly rounded values too.
 * One read instead of expFast's two, and no index arithmetic for the power of two.
 */
const POW2_256 = (() => {
  const t = new Float64Array(2 * WIDE + 1);
  for (let i = -WIDE; i <= WIDE; i++) {
    const j = i & (N - 1);
    t[i + WIDE] = TABLE[j] * POW2[((i - j) >> 8) + 1100];
  }
  return t;
})();

/**
 * expFast(x), bit for bit, with one table read for |x| < NEAR: expFast returns (TABLE[j]·p)·2^k and
 * this (TABLE[j]·2^k)·p, the same number while both stay normal. For the exponential loss, whose
 * margins are near 0 (binary_margin.ts has the figures). Not folded into expFast: that would add a
 * second range check to every other loss's loop, unmeasured there.
 */
export function expNear(x: number): number {
  if (!(x > -NEAR && x < NEAR)) return expFast(x);
  const kd = x * N_OVER_LN2 + ROUND - ROUND;
  const r = x - kd * LN2_N_HI - kd * LN2_N_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return POW2_256[(kd | 0) + WIDE] * p;
}

/**
 * ln(1 + 2^(−m/256)) and σ at −m·ln2/256, i.e. 2^(−m/256)/(1 + 2^(−m/256)), for m in [0, WIDE): the
 * softplus of the table points. The logarithm is Math.log1p's, within 1 ulp (V8's fdlibm port, the
 * same function in Node and Chromium, as binary_cross_entropy.ts's LOG1P_TABLE already assumes);
 * the quotient is one correctly rounded IEEE division, the same everywhere.
 */
const SOFTPLUS_NEG = new Float64Array(WIDE);
const SIGMOID_NEG = new Float64Array(WIDE);
// Plain loops: with Float64Array.from and a mapping function the three wide tables took 15–22 ms
// to build at load, with loops 1.7–2.5 ms.
for (let m = 0; m < WIDE; m++) {
  const a = POW2_256[WIDE - m];
  SOFTPLUS_NEG[m] = Math.log1p(a);
  SIGMOID_NEG[m] = a / (1 + a);
}

// softplus(−u) = ln(1 + e^(−u)) and e^(−u) for 0 ≤ u < NEAR, sharing one reduction: with
// m = round(u·256/ln 2) and r = m·ln2/256 − u (|r| ≤ ln2/512, Cody–Waite, exact as in expFast),
// e^(−u) = 2^(−m/256)·(1 + q), q = e^r − 1, and
//   ln(1 + e^(−u)) = ln(1 + 2^(−m/256)) + ln(1 + w),  w = σ(−m·ln2/256)·q,  |w| ≤ 0.00068,
// since 1 + A(1 + q) = (1 + A)(1 + q·A/(1 + A)). The series of ln(1 + w) to w⁵ leaves w⁶/6 < 2e-20.
// Against mpmath at 200 bits (20000 u in [0, 22)): within 2 ulp, 66% correctly rounded, where
// log1pUnit(expFast(−u)) was within 3 ulp, 57% correctly rounded. Four small functions rather than one
// returning two numbers, so that the kernel inlines them (their tables then are constants to the JIT).

/** Whether u (≥ 0, or NaN: false) is in the helpers' range, as a function so that NEAR is a constant where it is inlined. */
export function softplusNear(u: number): boolean {
  return u < NEAR;
}

/** m = round(u·256/ln 2) for 0 ≤ u < NEAR, as a double. */
export function softplusIndex(u: number): number {
  return u * N_OVER_LN2 + ROUND - ROUND;
}

/** q = e^r − 1, r = m·ln2/256 − u: 1 + q is expFast(−u)'s polynomial, bit for bit. */
export function softplusFraction(u: number, m: number): number {
  const r = m * LN2_N_HI - u + m * LN2_N_LO;
  return r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
}

/** e^(−u) from softplusIndex and softplusFraction (m as an integer): expFast(−u), bit for bit. */
export function expNegAt(m: number, q: number): number {
  return POW2_256[WIDE - m] * (1 + q);
}

/** ln(1 + e^(−u)) from softplusIndex and softplusFraction (m as an integer). */
export function softplusNegAt(m: number, q: number): number {
  const w = SIGMOID_NEG[m] * q;
  return SOFTPLUS_NEG[m] + w * (1 - w * (0.5 - w * (1 / 3 - w * (0.25 - w * 0.2))));
}
