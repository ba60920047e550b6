;; BatchNorm Lab's own wasm SIMD kernels. They run on tfjs-wasm's memory, imported: every pointer is
;; a byte offset into that heap, as tfjs-wasm's getMemoryOffset gives it. `npm run wasm-kernels`
;; compiles this file into kernelsWasm.ts (a plain and a shared-memory build), after splicing in the
;; forward-convolution kernels that scripts/convKernelsWat.ts generates (conv16x2 and the like). Its
;; relaxed-SIMD builds also turn every multiply-add of the filter gradients below into one fused
;; f32x4.relaxed_madd.

(module
  (import "env" "memory" (memory 1 65536))

  ;; Gradient of a 2x2, stride-2, 'valid' max pool over NHWC x [n, h, w, c] (c a multiple of 4):
  ;; each window's dy goes to its first maximum in row-major order, the other three get 0; a NaN
  ;; window sends none. Positions in no window (odd last row or column) are zeroed.
  (func (export "maxPool2x2Grad")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $c i32)
    (local $oh i32) (local $ow i32) (local $cb i32) (local $row i32)
    (local $b i32) (local $oy i32) (local $ox i32) (local $top i32) (local $o i32) (local $end i32)
    (local $g i32)
    (local $a v128) (local $p v128) (local $q v128) (local $s v128) (local $m v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $taken v128)
    (local $grad v128)
    (local.set $oh (i32.shr_u (local.get $h) (i32.const 1)))
    (local.set $ow (i32.shr_u (local.get $w) (i32.const 1)))
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $row (i32.mul (local.get $w) (local.get $cb)))
    (if (i32.and (i32.or (local.get $h) (local.get $w)) (i32.const 1))
      (then
        (memory.fill (local.get $dx) (i32.const 0)
          (i32.mul (i32.mul (local.get $n) (local.get $h)) (local.get $row)))))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $bDone (loop $bLoop
      (br_if $bDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oy (i32.const 0))
      (block $yDone (loop $yLoop
        (br_if $yDone (i32.ge_u (local.get $oy) (local.get $oh)))
        ;; byte offset of row 2 oy of image b
        (local.set $top
          (i32.mul
            (i32.add (i32.mul (local.get $b) (local.get $h)) (i32.shl (local.get $oy) (i32.const 1)))
            (local.get $row)))
        (local.set $ox (i32.const 0))
        (block $xDone (loop $xLoop
          (br_if $xDone (i32.ge_u (local.get $ox) (local.get $ow)))
          (local.set $o
            (i32.add (local.get $top) (i32.mul (i32.shl (local.get $ox) (i32.const 1)) (local.get $cb))))
          (local.set $end (i32.add (local.get $o) (local.get $cb)))
          (block $cDone (loop $cLoop
            (br_if $cDone (i32.ge_u (local.get $o) (local.get $end)))
            (local.set $a (v128.load (i32.add (local.get $x) (local.get $o))))
            (local.set $p (v128.load (i32.add (local.get $x) (i32.add (local.get $o) (local.get $cb)))))
            (local.set $q (v128.load (i32.add (local.get $x) (i32.add (local.get $o) (local.get $row)))))
            (local.set $s
              (v128.load
                (i32.add (local.get $x)
                  (i32.add (local.get $o) (i32.add (local.get $row) (local.get $cb))))))
            (local.set $m
              (f32x4.max (f32x4.max (local.get $a) (local.get $p))
                         (f32x4.max (local.get $q) (local.get $s))))
            ;; t_k: position k holds the maximum and no earlier one does
            (local.set $t0 (f32x4.eq (local.get $a) (local.get $m)))
            (local.set $t1 (v128.andnot (f32x4.eq (local.get $p) (local.get $m)) (local.get $t0)))
            (local.set $taken (v128.or (local.get $t0) (local.get $t1)))
            (local.set $t2 (v128.andnot (f32x4.eq (local.get $q) (local.get $m)) (local.get $taken)))
            (local.set $taken (v128.or (local.get $taken) (local.get $t2)))
            (local.set $t3 (v128.andnot (f32x4.eq (local.get $s) (local.get $m)) (local.get $taken)))
            (local.set $grad (v128.load (local.get $g)))
            (v128.store (i32.add (local.get $dx) (local.get $o))
              (v128.and (local.get $grad) (local.get $t0)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $o) (local.get $cb)))
              (v128.and (local.get $grad) (local.get $t1)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $o) (local.get $row)))
              (v128.and (local.get $grad) (local.get $t2)))
            (v128.store
              (i32.add (local.get $dx)
                (i32.add (local.get $o) (i32.add (local.get $row) (local.get $cb))))
              (v128.and (local.get $grad) (local.get $t3)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $cLoop)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
          (br $xLoop)))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br $yLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bLoop)))
  )

  ;; ---- The ReLU gradient ----

  ;; dx = dy * step(x) over n floats (n a multiple of 4): dy where x > 0, 0 times dy elsewhere (so
  ;; -0 for a negative dy, as tfjs's mul(dy, step(x))), NaN times dy where x is NaN.
  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $dx i32) (param $n i32)
    (local $end i32) (local $v v128) (local $step v128)
    (local.set $end (i32.add (local.get $dx) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $values
      (br_if $done (i32.ge_u (local.get $dx) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      (local.set $step
        (v128.bitselect (local.get $v)
          (v128.and (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))
          (f32x4.ne (local.get $v) (local.get $v))))
      (v128.store (local.get $dx) (f32x4.mul (v128.load (local.get $dy)) (local.get $step)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
      (br $values))))

  ;; ---- Batch normalization over NHWC viewed as [m, c] rows (c a multiple of 4) ----
  ;; Channels are taken four at a time (one column of 16 bytes, rows $rs bytes apart). Sums add 64
  ;; rows in float32, then carry on in float64, so a sum over 50,000 rows keeps float32 accuracy.

  ;; Adds f32x4 $acc into the float64 pair ($lo: lanes 0-1, $hi: lanes 2-3).
  (func $widen (param $acc v128) (param $lo v128) (param $hi v128) (result v128 v128)
    (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $acc)))
    (f64x2.add (local.get $hi)
      (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $acc) (local.get $acc)))))

  ;; The float64 pair times $k, as one f32x4.
  (func $narrow (param $lo v128) (param $hi v128) (param $k f64) (result v128)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (f64x2.mul (local.get $lo) (f64x2.splat (local.get $k))))
      (f32x4.demote_f64x2_zero (f64x2.mul (local.get $hi) (f64x2.splat (local.get $k))))))

  ;; Column sums of x (pointer at the column's first row): sum x, as a float64 pair.
  (func $columnSum (param $p i32) (param $m i32) (param $rs i32) (result v128 v128)
    (local $lo v128) (local $hi v128) (local $acc v128) (local $left i32) (local $block i32)
    (local.set $left (local.get $m))
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $left)))
      (local.set $block (select (i32.const 64) (local.get $left) (i32.gt_u (local.get $left) (i32.const 64))))
      (local.set $left (i32.sub (local.get $left) (local.get $block)))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (loop $rows
        (local.set $acc (f32x4.add (local.get $acc) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (br_if $rows (local.tee $block (i32.sub (local.get $block) (i32.const 1)))))
      (call $widen (local.get $acc) (local.get $lo) (local.get $hi))
      (local.set $hi)
      (local.set $lo)
      (br $blocks)))
    (local.get $lo) (local.get $hi))

  ;; Column sums of (x - center)^2, as a float64 pair.
  (func $columnSquares (param $p i32) (param $m i32) (param $rs i32) (param $center v128) (result v128 v128)
    (local $lo v128) (local $hi v128) (local $acc v128) (local $d v128) (local $left i32) (local $block i32)
    (local.set $left (local.get $m))
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $left)))
      (local.set $block (select (i32.const 64) (local.get $left) (i32.gt_u (local.get $left) (i32.const 64))))
      (local.set $left (i32.sub (local.get $left) (local.get $block)))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (loop $rows
        (local.set $d (f32x4.sub (v128.load (local.get $p)) (local.get $center)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $d) (local.get $d))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (br_if $rows (local.tee $block (i32.sub (local.get $block) (i32.const 1)))))
      (call $widen (local.get $acc) (local.get $lo) (local.get $hi))
      (local.set $hi)
      (local.set $lo)
      (br $blocks)))
    (local.get $lo) (local.get $hi))

  ;; Column sums of dy and of dy * (x - center): two float64 pairs.
  (func $columnGradSums (param $dy i32) (param $x i32) (param $m i32) (param $rs i32) (param $center v128)
    (result v128 v128 v128 v128)
    (local $slo v128) (local $shi v128) (local $plo v128) (local $phi v128)
    (local $sacc v128) (local $pacc v128) (local $g v128) (local $left i32) (local $block i32)
    (local.set $left (local.get $m))
    (block $done (loop $blocks
      (br_if $done (i32.eqz (local.get $left)))
      (local.set $block (select (i32.const 64) (local.get $left) (i32.gt_u (local.get $left) (i32.const 64))))
      (local.set $left (i32.sub (local.get $left) (local.get $block)))
      (local.set $sacc (v128.const i32x4 0 0 0 0))
      (local.set $pacc (v128.const i32x4 0 0 0 0))
      (loop $rows
        (local.set $g (v128.load (local.get $dy)))
        (local.set $sacc (f32x4.add (local.get $sacc) (local.get $g)))
        (local.set $pacc
          (f32x4.add (local.get $pacc)
            (f32x4.mul (local.get $g) (f32x4.sub (v128.load (local.get $x)) (local.get $center)))))
        (local.set $dy (i32.add (local.get $dy) (local.get $rs)))
        (local.set $x (i32.add (local.get $x) (local.get $rs)))
        (br_if $rows (local.tee $block (i32.sub (local.get $block) (i32.const 1)))))
      (call $widen (local.get $sacc) (local.get $slo) (local.get $shi))
      (local.set $shi)
      (local.set $slo)
      (call $widen (local.get $pacc) (local.get $plo) (local.get $phi))
      (local.set $phi)
      (local.set $plo)
      (br $blocks)))
    (local.get $slo) (local.get $shi) (local.get $plo) (local.get $phi))

  ;; Training-mode BN of x [m, c]: per channel the batch mean, the biased variance, invStd =
  ;; 1 / sqrt(variance + eps), and y = (x - mean) * gamma * invStd + beta. m > 0.
  (func (export "batchNormForward")
    (param $x i32) (param $gamma i32) (param $beta i32)
    (param $y i32) (param $mean i32) (param $var i32) (param $inv i32)
    (param $m i32) (param $c i32) (param $eps f32)
    (local $rs i32) (local $col i32) (local $k f64) (local $lo v128) (local $hi v128)
    (local $mu v128) (local $v v128) (local $scale v128) (local $shift v128)
    (local $p i32) (local $q i32) (local $row i32)
    (local.set $rs (i32.shl (local.get $c) (i32.const 2)))
    (local.set $k (f64.div (f64.const 1) (f64.convert_i32_u (local.get $m))))
    (local.set $col (i32.const 0))
    (block $done (loop $columns
      (br_if $done (i32.ge_u (local.get $col) (local.get $rs)))
      (call $columnSum (i32.add (local.get $x) (local.get $col)) (local.get $m) (local.get $rs))
      (local.set $hi)
      (local.set $lo)
      (local.set $mu (call $narrow (local.get $lo) (local.get $hi) (local.get $k)))
      (call $columnSquares (i32.add (local.get $x) (local.get $col)) (local.get $m) (local.get $rs) (local.get $mu))
      (local.set $hi)
      (local.set $lo)
      (local.set $v (call $narrow (local.get $lo) (local.get $hi) (local.get $k)))
      (v128.store (i32.add (local.get $mean) (local.get $col)) (local.get $mu))
      (v128.store (i32.add (local.get $var) (local.get $col)) (local.get $v))
      (local.set $v
        (f32x4.div (f32x4.splat (f32.const 1))
          (f32x4.sqrt (f32x4.add (local.get $v) (f32x4.splat (local.get $eps))))))
      (v128.store (i32.add (local.get $inv) (local.get $col)) (local.get $v))
      (local.set $scale (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $gamma) (local.get $col)))))
      (local.set $shift (v128.load (i32.add (local.get $beta) (local.get $col))))
      (local.set $p (i32.add (local.get $x) (local.get $col)))
      (local.set $q (i32.add (local.get $y) (local.get $col)))
      (local.set $row (local.get $m))
      (loop $rows
        (v128.store (local.get $q)
          (f32x4.add
            (f32x4.mul (f32x4.sub (v128.load (local.get $p)) (local.get $mu)) (local.get $scale))
            (local.get $shift)))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (local.get $rs)))
        (br_if $rows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
      (local.set $col (i32.add (local.get $col) (i32.const 16)))
      (br $columns))))

  ;; Its gradient, through the batch statistics: with a = gamma * invStd,
  ;;   dbeta = sum dy, dgamma = invStd * sum dy (x - mean),
  ;;   dx = a dy + (x - mean) (-a invStd dgamma / m) - a dbeta / m.
  (func (export "batchNormBackward")
    (param $dy i32) (param $x i32) (param $mean i32) (param $inv i32) (param $gamma i32)
    (param $dx i32) (param $dgamma i32) (param $dbeta i32)
    (param $m i32) (param $c i32)
    (local $rs i32) (local $col i32) (local $slo v128) (local $shi v128) (local $plo v128) (local $phi v128)
    (local $mu v128) (local $iv v128) (local $a v128) (local $db v128) (local $dg v128)
    (local $k1 v128) (local $k0 v128) (local $negInvM v128)
    (local $p i32) (local $q i32) (local $r i32) (local $row i32)
    (local.set $rs (i32.shl (local.get $c) (i32.const 2)))
    (local.set $negInvM
      (f32x4.splat (f32.div (f32.const -1) (f32.convert_i32_u (local.get $m)))))
    (local.set $col (i32.const 0))
    (block $done (loop $columns
      (br_if $done (i32.ge_u (local.get $col) (local.get $rs)))
      (local.set $mu (v128.load (i32.add (local.get $mean) (local.get $col))))
      (local.set $iv (v128.load (i32.add (local.get $inv) (local.get $col))))
      (call $columnGradSums
        (i32.add (local.get $dy) (local.get $col)) (i32.add (local.get $x) (local.get $col))
        (local.get $m) (local.get $rs) (local.get $mu))
      (local.set $phi)
      (local.set $plo)
      (local.set $shi)
      (local.set $slo)
      (local.set $db (call $narrow (local.get $slo) (local.get $shi) (f64.const 1)))
      (local.set $dg
        (f32x4.mul (call $narrow (local.get $plo) (local.get $phi) (f64.const 1)) (local.get $iv)))
      (v128.store (i32.add (local.get $dbeta) (local.get $col)) (local.get $db))
      (v128.store (i32.add (local.get $dgamma) (local.get $col)) (local.get $dg))
      (local.set $a (f32x4.mul (v128.load (i32.add (local.get $gamma) (local.get $col))) (local.get $iv)))
      (local.set $k1
        (f32x4.mul (f32x4.mul (local.get $a) (local.get $iv))
          (f32x4.mul (local.get $dg) (local.get $negInvM))))
      (local.set $k0 (f32x4.mul (local.get $a) (f32x4.mul (local.get $db) (local.get $negInvM))))
      (local.set $p (i32.add (local.get $dy) (local.get $col)))
      (local.set $q (i32.add (local.get $x) (local.get $col)))
      (local.set $r (i32.add (local.get $dx) (local.get $col)))
      (local.set $row (local.get $m))
      (loop $rows
        (v128.store (local.get $r)
          (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.load (local.get $p)) (local.get $a))
              (f32x4.mul (f32x4.sub (v128.load (local.get $q)) (local.get $mu)) (local.get $k1)))
            (local.get $k0)))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (local.get $rs)))
        (local.set $r (i32.add (local.get $r) (local.get $rs)))
        (br_if $rows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
      (local.set $col (i32.add (local.get $col) (i32.const 16)))
      (br $columns))))

  ;; Column sums of x [m, c] (m > 0): out[c] = sum over rows, for a bias gradient or any sum over
  ;; every axis of an NHWC tensor but the last.
  (func (export "columnSums") (param $x i32) (param $out i32) (param $m i32) (param $c i32)
    (local $rs i32) (local $col i32) (local $lo v128) (local $hi v128)
    (local.set $rs (i32.shl (local.get $c) (i32.const 2)))
    (local.set $col (i32.const 0))
    (block $done (loop $columns
      (br_if $done (i32.ge_u (local.get $col) (local.get $rs)))
      (call $columnSum (i32.add (local.get $x) (local.get $col)) (local.get $m) (local.get $rs))
      (local.set $hi)
      (local.set $lo)
      (v128.store (i32.add (local.get $out) (local.get $col))
        (call $narrow (local.get $lo) (local.get $hi) (f64.const 1)))
      (local.set $col (i32.add (local.get $col) (i32.const 16)))
      (br $columns))))

  ;; Column maxima of x [m, c] (m > 0): out[c] = the largest value over rows, as tfjs-cpu's Max over
  ;; every axis but the last: the running maximum changes only to a larger value or a NaN (so a NaN
  ;; anywhere gives NaN, and of two equal zeros the first stays).
  (func (export "columnMax") (param $x i32) (param $out i32) (param $m i32) (param $c i32)
    (local $rs i32) (local $col i32) (local $p i32) (local $end i32) (local $acc v128) (local $v v128)
    (local.set $rs (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $m) (local.get $rs))))
    (block $done (loop $columns
      (br_if $done (i32.ge_u (local.get $col) (local.get $rs)))
      (local.set $p (i32.add (local.get $x) (local.get $col)))
      (local.set $acc (v128.load (local.get $p)))
      (block $rowsDone (loop $rows
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $acc (v128.bitselect (local.get $v) (f32x4.pmax (local.get $acc) (local.get $v))
          (f32x4.ne (local.get $v) (local.get $v))))
        (br $rows)))
      (v128.store (i32.add (local.get $out) (local.get $col)) (local.get $acc))
      (local.set $col (i32.add (local.get $col) (i32.const 16)))
      (br $columns))))

  ;; ---- A dense layer, y [m, n] = x [m, k] w [k, n] + b (k a multiple of 4, n small) ----

  ;; Sum of an f32x4's lanes, (a0 + a1) + (a2 + a3).
  (func $lanes (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; Forward: wT [n, k] = w transposed (kept for the backward pass), then each y[i, j] as a dot
  ;; product of row i of x and row j of wT, plus b[j].
  (func (export "denseForward")
    (param $x i32) (param $w i32) (param $b i32) (param $y i32) (param $wT i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $kk i32) (local $kb i32) (local $acc v128)
    (local $row i32) (local $col i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    ;; wT[j, kk] = w[kk, j]
    (local.set $kk (i32.const 0))
    (block $tDone (loop $tRows
      (br_if $tDone (i32.ge_u (local.get $kk) (local.get $k)))
      (local.set $j (i32.const 0))
      (block $cDone (loop $tCols
        (br_if $cDone (i32.ge_u (local.get $j) (local.get $n)))
        (f32.store
          (i32.add (local.get $wT)
            (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (local.get $kk)) (i32.const 2)))
          (f32.load
            (i32.add (local.get $w)
              (i32.shl (i32.add (i32.mul (local.get $kk) (local.get $n)) (local.get $j)) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tCols)))
      (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
      (br $tRows)))
    (local.set $i (i32.const 0))
    (block $iDone (loop $iLoop
      (br_if $iDone (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $row (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $kb))))
      (local.set $j (i32.const 0))
      (block $jDone (loop $jLoop
        (br_if $jDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $col (i32.add (local.get $wT) (i32.mul (local.get $j) (local.get $kb))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $kk (i32.const 0))
        (block $kDone (loop $kLoop
          (br_if $kDone (i32.ge_u (local.get $kk) (local.get $kb)))
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul
                (v128.load (i32.add (local.get $row) (local.get $kk)))
                (v128.load (i32.add (local.get $col) (local.get $kk))))))
          (local.set $kk (i32.add (local.get $kk) (i32.const 16)))
          (br $kLoop)))
        (f32.store
          (i32.add (local.get $y)
            (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
          (f32.add (call $lanes (local.get $acc))
            (f32.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iLoop))))

  ;; Backward, from dy [m, n], x [m, k] and the forward's wT [n, k]:
  ;;   dx[i, :] = sum_j dy[i, j] wT[j, :],  dw[kk, j] = sum_i x[i, kk] dy[i, j],  db[j] = sum_i dy[i, j].
  (func (export "denseBackward")
    (param $dy i32) (param $x i32) (param $wT i32) (param $dx i32) (param $dw i32) (param $db i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $kk i32) (local $kb i32) (local $acc v128) (local $g v128)
    (local $p i32) (local $s f32) (local $out i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    ;; dx, four columns at a time
    (local.set $i (i32.const 0))
    (block $iDone (loop $iLoop
      (br_if $iDone (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $kk (i32.const 0))
      (block $kDone (loop $kLoop
        (br_if $kDone (i32.ge_u (local.get $kk) (local.get $kb)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $jDone (loop $jLoop
          (br_if $jDone (i32.ge_u (local.get $j) (local.get $n)))
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul
                (v128.load32_splat
                  (i32.add (local.get $dy)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
                (v128.load
                  (i32.add (local.get $wT)
                    (i32.add (i32.mul (local.get $j) (local.get $kb)) (local.get $kk)))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $jLoop)))
        (v128.store
          (i32.add (local.get $dx) (i32.add (i32.mul (local.get $i) (local.get $kb)) (local.get $kk)))
          (local.get $acc))
        (local.set $kk (i32.add (local.get $kk) (i32.const 16)))
        (br $kLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iLoop)))
    ;; dw, four rows at a time for each column j, written lane by lane
    (local.set $j (i32.const 0))
    (block $jDone2 (loop $jLoop2
      (br_if $jDone2 (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $kk (i32.const 0))
      (block $kDone2 (loop $kLoop2
        (br_if $kDone2 (i32.ge_u (local.get $kk) (local.get $kb)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (block $iDone2 (loop $iLoop2
          (br_if $iDone2 (i32.ge_u (local.get $i) (local.get $m)))
          (local.set $acc
            (f32x4.add (local.get $acc)
              (f32x4.mul
                (v128.load
                  (i32.add (local.get $x) (i32.add (i32.mul (local.get $i) (local.get $kb)) (local.get $kk))))
                (v128.load32_splat
                  (i32.add (local.get $dy)
                    (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $iLoop2)))
        ;; dw[kk / 4 + l, j] for lanes l = 0..3: byte offset ((kk / 4 + l) n + j) 4
        (local.set $out
          (i32.add (local.get $dw)
            (i32.shl
              (i32.add (i32.mul (i32.shr_u (local.get $kk) (i32.const 2)) (local.get $n)) (local.get $j))
              (i32.const 2))))
        (local.set $p (i32.shl (local.get $n) (i32.const 2)))
        (f32.store (local.get $out) (f32x4.extract_lane 0 (local.get $acc)))
        (f32.store (i32.add (local.get $out) (local.get $p)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 1)))
          (f32x4.extract_lane 2 (local.get $acc)))
        (f32.store (i32.add (local.get $out) (i32.mul (local.get $p) (i32.const 3)))
          (f32x4.extract_lane 3 (local.get $acc)))
        (local.set $kk (i32.add (local.get $kk) (i32.const 16)))
        (br $kLoop2)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jLoop2)))
    ;; db
    (local.set $j (i32.const 0))
    (block $bDone (loop $bLoop
      (br_if $bDone (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $s (f32.const 0))
      (local.set $i (i32.const 0))
      (block $sDone (loop $sLoop
        (br_if $sDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $s
          (f32.add (local.get $s)
            (f32.load
              (i32.add (local.get $dy)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sLoop)))
      (f32.store (i32.add (local.get $db) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $bLoop))))

  ;; ---- Filter gradient of a stride-1 convolution over NHWC, one tap and input channel a call ----

  ;; filterGrad16 for two adjacent input channels at once (x and x + 4 bytes), sharing each load of
  ;; dy: the second channel's sums go to out + outNext bytes.
  (func (export "filterGrad16x2")
    (param $x i32) (param $dy i32) (param $out i32) (param $n i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (param $xCol i32) (param $xRow i32) (param $xImage i32)
    (param $dyCol i32) (param $dyRow i32) (param $dyImage i32) (param $outNext i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $v v128) (local $u v128) (local $d v128)
    (local $img i32) (local $i i32) (local $j i32) (local $xp i32) (local $dp i32)
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_s (local.get $img) (local.get $n)))
      (local.set $i (local.get $i0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $xp (i32.add (local.get $x)
          (i32.add (i32.mul (local.get $img) (local.get $xImage))
            (i32.add (i32.mul (local.get $i) (local.get $xRow))
              (i32.mul (local.get $j0) (local.get $xCol))))))
        (local.set $dp (i32.add (local.get $dy)
          (i32.add (i32.mul (local.get $img) (local.get $dyImage))
            (i32.add (i32.mul (local.get $i) (local.get $dyRow))
              (i32.mul (local.get $j0) (local.get $dyCol))))))
        (local.set $j (local.get $j0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $v (f32x4.splat (f32.load (local.get $xp))))
            (local.set $u (f32x4.splat (f32.load offset=4 (local.get $xp))))
            (local.set $d (v128.load offset=0 (local.get $dp)))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (local.get $d))))
            (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $u) (local.get $d))))
            (local.set $d (v128.load offset=16 (local.get $dp)))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (local.get $d))))
            (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $u) (local.get $d))))
            (local.set $d (v128.load offset=32 (local.get $dp)))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (local.get $d))))
            (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $u) (local.get $d))))
            (local.set $d (v128.load offset=48 (local.get $dp)))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (local.get $d))))
            (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $u) (local.get $d))))
          (local.set $xp (i32.add (local.get $xp) (local.get $xCol)))
          (local.set $dp (i32.add (local.get $dp) (local.get $dyCol)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $images)))
    (v128.store offset=0 (local.get $out) (local.get $a0))
    (v128.store offset=16 (local.get $out) (local.get $a1))
    (v128.store offset=32 (local.get $out) (local.get $a2))
    (v128.store offset=48 (local.get $out) (local.get $a3))
    (v128.store offset=0 (i32.add (local.get $out) (local.get $outNext)) (local.get $b0))
    (v128.store offset=16 (i32.add (local.get $out) (local.get $outNext)) (local.get $b1))
    (v128.store offset=32 (i32.add (local.get $out) (local.get $outNext)) (local.get $b2))
    (v128.store offset=48 (i32.add (local.get $out) (local.get $outNext)) (local.get $b3)))

  ;; One tap's filter gradient for one input channel and 16 output channels: out[0..16) =
  ;; the sum over images n, rows i0..i1 and columns j0..j1 of x[n, i, j] * dy[n, i, j, 0..16),
  ;; where x points at the tap's input channel shifted by the tap's offset and every stride is in
  ;; bytes. Sums in float32 (as XNNPACK's convolutions).
  (func (export "filterGrad16")
    (param $x i32) (param $dy i32) (param $out i32) (param $n i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (param $xCol i32) (param $xRow i32) (param $xImage i32)
    (param $dyCol i32) (param $dyRow i32) (param $dyImage i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128)
    (local $img i32) (local $i i32) (local $j i32) (local $xp i32) (local $dp i32)
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_s (local.get $img) (local.get $n)))
      (local.set $i (local.get $i0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $xp (i32.add (local.get $x)
          (i32.add (i32.mul (local.get $img) (local.get $xImage))
            (i32.add (i32.mul (local.get $i) (local.get $xRow))
              (i32.mul (local.get $j0) (local.get $xCol))))))
        (local.set $dp (i32.add (local.get $dy)
          (i32.add (i32.mul (local.get $img) (local.get $dyImage))
            (i32.add (i32.mul (local.get $i) (local.get $dyRow))
              (i32.mul (local.get $j0) (local.get $dyCol))))))
        (local.set $j (local.get $j0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $v (f32x4.splat (f32.load (local.get $xp))))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $dp)))))
            (local.set $a1 (f32x4.add (local.get $a1)
              (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $dp)))))
            (local.set $a2 (f32x4.add (local.get $a2)
              (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $dp)))))
            (local.set $a3 (f32x4.add (local.get $a3)
              (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $dp)))))
          (local.set $xp (i32.add (local.get $xp) (local.get $xCol)))
          (local.set $dp (i32.add (local.get $dp) (local.get $dyCol)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $images)))
    (v128.store offset=0 (local.get $out) (local.get $a0))
    (v128.store offset=16 (local.get $out) (local.get $a1))
    (v128.store offset=32 (local.get $out) (local.get $a2))
    (v128.store offset=48 (local.get $out) (local.get $a3)))

  ;; One tap's filter gradient for one input channel and 8 output channels: out[0..8) =
  ;; the sum over images n, rows i0..i1 and columns j0..j1 of x[n, i, j] * dy[n, i, j, 0..8),
  ;; where x points at the tap's input channel shifted by the tap's offset and every stride is in
  ;; bytes. Sums in float32 (as XNNPACK's convolutions).
  (func (export "filterGrad8")
    (param $x i32) (param $dy i32) (param $out i32) (param $n i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (param $xCol i32) (param $xRow i32) (param $xImage i32)
    (param $dyCol i32) (param $dyRow i32) (param $dyImage i32)
    (local $a0 v128) (local $a1 v128) (local $v v128)
    (local $img i32) (local $i i32) (local $j i32) (local $xp i32) (local $dp i32)
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_s (local.get $img) (local.get $n)))
      (local.set $i (local.get $i0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $xp (i32.add (local.get $x)
          (i32.add (i32.mul (local.get $img) (local.get $xImage))
            (i32.add (i32.mul (local.get $i) (local.get $xRow))
              (i32.mul (local.get $j0) (local.get $xCol))))))
        (local.set $dp (i32.add (local.get $dy)
          (i32.add (i32.mul (local.get $img) (local.get $dyImage))
            (i32.add (i32.mul (local.get $i) (local.get $dyRow))
              (i32.mul (local.get $j0) (local.get $dyCol))))))
        (local.set $j (local.get $j0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $v (f32x4.splat (f32.load (local.get $xp))))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $dp)))))
            (local.set $a1 (f32x4.add (local.get $a1)
              (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $dp)))))
          (local.set $xp (i32.add (local.get $xp) (local.get $xCol)))
          (local.set $dp (i32.add (local.get $dp) (local.get $dyCol)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $images)))
    (v128.store offset=0 (local.get $out) (local.get $a0))
    (v128.store offset=16 (local.get $out) (local.get $a1)))

  ;; One tap's filter gradient for one input channel and 4 output channels: out[0..4) =
  ;; the sum over images n, rows i0..i1 and columns j0..j1 of x[n, i, j] * dy[n, i, j, 0..4),
  ;; where x points at the tap's input channel shifted by the tap's offset and every stride is in
  ;; bytes. Sums in float32 (as XNNPACK's convolutions).
  (func (export "filterGrad4")
    (param $x i32) (param $dy i32) (param $out i32) (param $n i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (param $xCol i32) (param $xRow i32) (param $xImage i32)
    (param $dyCol i32) (param $dyRow i32) (param $dyImage i32)
    (local $a0 v128) (local $v v128)
    (local $img i32) (local $i i32) (local $j i32) (local $xp i32) (local $dp i32)
    (block $images_done (loop $images
      (br_if $images_done (i32.ge_s (local.get $img) (local.get $n)))
      (local.set $i (local.get $i0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $xp (i32.add (local.get $x)
          (i32.add (i32.mul (local.get $img) (local.get $xImage))
            (i32.add (i32.mul (local.get $i) (local.get $xRow))
              (i32.mul (local.get $j0) (local.get $xCol))))))
        (local.set $dp (i32.add (local.get $dy)
          (i32.add (i32.mul (local.get $img) (local.get $dyImage))
            (i32.add (i32.mul (local.get $i) (local.get $dyRow))
              (i32.mul (local.get $j0) (local.get $dyCol))))))
        (local.set $j (local.get $j0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $v (f32x4.splat (f32.load (local.get $xp))))
            (local.set $a0 (f32x4.add (local.get $a0)
              (f32x4.mul (local.get $v) (v128.load offset=0 (local.get $dp)))))
          (local.set $xp (i32.add (local.get $xp) (local.get $xCol)))
          (local.set $dp (i32.add (local.get $dp) (local.get $dyCol)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $images)))
    (v128.store offset=0 (local.get $out) (local.get $a0)))

  ;; ---- Zero padding for the forward convolution kernels ----

  ;; Copies n images of h rows, rowBytes each, from x into out, whose images are outImage bytes
  ;; apart and rows outRow bytes apart, starting offset bytes into each image; the rest of out (its
  ;; first total bytes) is zeroed.
  (func (export "padImages")
    (param $x i32) (param $out i32) (param $n i32) (param $h i32) (param $rowBytes i32)
    (param $outRow i32) (param $outImage i32) (param $offset i32) (param $total i32)
    (local $img i32) (local $i i32) (local $to i32)
    (memory.fill (local.get $out) (i32.const 0) (local.get $total))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_s (local.get $img) (local.get $n)))
      (local.set $to (i32.add (local.get $out)
        (i32.add (i32.mul (local.get $img) (local.get $outImage)) (local.get $offset))))
      (local.set $i (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $h)))
        (memory.copy (local.get $to) (local.get $x) (local.get $rowBytes))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $to (i32.add (local.get $to) (local.get $outRow)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $images)))
  )
)
