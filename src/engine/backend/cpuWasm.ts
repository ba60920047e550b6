/**
 * Registers the two CPU backends, wasm and cpu, with our fast conv gradient kernels (filter and
 * input) and array kernels (the max-pool and ReLU gradients, BN forward and backward, the dense
 * layer, the softmax cross-entropy) on both, and on wasm our forward convolution, an Identity that
 * shares its buffer and faster per-channel Add, Multiply, Sub, Sum and Max. Used in the worker and
 * in Node (tests, benchmark); the cpu backend's import must come first, or it would put its slow
 * stock kernel back.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerArrayKernel } from '../kernels/arrayKernels';
import { registerBatchNormKernels } from '../kernels/batchNormKernels';
import { registerDenseKernels } from '../kernels/denseKernels';
import { registerChannelKernels } from '../kernels/channelKernels';
import { registerFastConv2DBackpropFilter } from '../kernels/conv2dBackpropFilter';
import { registerFastConv2DBackpropInput } from '../kernels/conv2dBackpropInput';
import { registerFastConv2D } from '../kernels/conv2dForward';
import { maxPool2x2Grad } from '../kernels/maxPool2x2Grad';
import { registerReluGrad } from '../kernels/reluGrad';
import { registerSharedIdentity } from '../kernels/sharedIdentity';
import { registerSoftmaxCrossEntropy } from '../kernels/softmaxCrossEntropy';

let registered = false;

export function registerCpuAndWasm(): void {
  if (registered) return;
  registerFastConv2DBackpropFilter('wasm');
  registerFastConv2DBackpropFilter('cpu');
  registerFastConv2DBackpropInput('wasm');
  registerFastConv2DBackpropInput('cpu');
  registerFastConv2D();
  registerSharedIdentity();
  registerChannelKernels();
  registerArrayKernel(maxPool2x2Grad);
  registerReluGrad();
  registerBatchNormKernels();
  registerDenseKernels();
  registerSoftmaxCrossEntropy();
  registered = true;
}
