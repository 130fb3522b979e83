export { paperTrainablePercent } from './paper-trainable-percent.js';
