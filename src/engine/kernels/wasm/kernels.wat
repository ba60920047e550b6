;; BatchNorm Lab's own wasm SIMD kernels. They run on tfjs-wasm's memory, imported: every pointer is
;; a byte offset into that heap, as tfjs-wasm's getMemoryOffset gives it. `npm run wasm-kernels`
;; compiles this file into kernelsWasm.ts (a plain and a shared-memory build).

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
)
