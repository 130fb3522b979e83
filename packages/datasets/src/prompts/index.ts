export { BUILTIN_TEMPLATES, getTemplate } from './builtin-templates.js';
export { type PromptTemplate, renderPrompt } from './prompt-template.js';
