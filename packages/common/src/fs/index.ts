export { TEMP_SIBLING_NAME, tempSibling } from './temp-sibling.js';
export { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.js';
export { writeFolderAtomic, type WriteFolderOptions } from './write-folder-atomic.js';
export { writeJsonAtomic, writeJsonAtomicSync, type WriteJsonOptions } from './write-json-atomic.js';
