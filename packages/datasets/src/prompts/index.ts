export { BUILTIN_TEMPLATES, type GetTemplateOptions, getTemplate } from './builtin-templates.js';
export { type PromptTemplate, renderPrompt } from './prompt-template.js';
