/**
 * Registers tfjs's gradient functions. The engine imports @tensorflow/tfjs-core alone (not the union
 * package), whose Node entry registers none: without this, autodiff fails with "gradient function
 * not found".
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
