# Makes test/fixtures/t5sql-adapters/expected.json: what Python PEFT computes with the adapters t5sql saved in that
# folder (written by T5SQL_WRITE_FIXTURES=1 pnpm exec vitest run test/t5sql-adapters.test.ts). Each adapter is
# loaded with `PeftModel.from_pretrained` onto the shared fixture model it was made on; the script checks that PEFT
# took every saved tensor as it is in the file (no key left over, none missing, values equal) and records the
# logits for the inputs below, float32, eval mode.
#
# Run from packages/peft (peft 0.21.0, transformers 5.18.0, torch 2.13.0 CPU; SHARED defaults to ../shared beside
# the checkout): python3 scripts/make_t5sql_adapter_logits.py
import json
import os

import torch
from safetensors.torch import load_file
from transformers import T5ForConditionalGeneration

# peft 0.21 looks this attribute up at wrap time; transformers 5 renamed it (not used for a forward pass).
T5ForConditionalGeneration._prepare_encoder_decoder_kwargs_for_generation = lambda *a, **k: None
import peft  # noqa: E402
import transformers  # noqa: E402
from peft import PeftModel  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ADAPTERS = os.path.join(HERE, '..', 'test', 'fixtures', 't5sql-adapters')
SHARED = os.environ.get('T5SQL_SHARED_DIR', os.path.join(HERE, '..', '..', '..', '..', 'shared'))
FIXTURE_OF = {
    'lora_rslora': 't5_v1_0_relu_tied',
    'lora_regex_patterns': 't5_v1_1_gated_gelu_untied',
    'prefix_projection': 't5_v1_1_gated_gelu_untied',
    'prefix_table': 't5_v1_0_relu_tied',
}
ids = torch.tensor([[13, 27, 5, 99, 42, 8, 1], [64, 3, 77, 1, 0, 0, 0]])
mask = torch.tensor([[1] * 7, [1, 1, 1, 1, 0, 0, 0]])
dec = torch.tensor([[0, 17, 45, 2, 110], [0, 9, 33, 120, 6]])
torch.set_num_threads(1)


def peft_parameter_name(saved_key):
    """PEFT's in-memory name of a saved tensor: the adapter name 'default' goes back in."""
    if saved_key == 'prompt_embeddings':
        return 'prompt_encoder.default.embedding.weight'
    for part in ('lora_A', 'lora_B'):
        saved_key = saved_key.replace(f'.{part}.weight', f'.{part}.default.weight')
    return saved_key


out = {}
for name, fixture in FIXTURE_OF.items():
    adapter = os.path.join(ADAPTERS, name)
    base = T5ForConditionalGeneration.from_pretrained(os.path.join(SHARED, 'fixtures', 't5', fixture)).eval()
    model = PeftModel.from_pretrained(base, adapter).eval()
    saved = load_file(os.path.join(adapter, 'adapter_model.safetensors'))
    params = dict(model.named_parameters())
    adapter_params = {k for k in params if '.lora_' in k or k.startswith('prompt_encoder.')}
    wanted = {peft_parameter_name(k) for k in saved}
    assert adapter_params == wanted, f'{name}: PEFT built {sorted(adapter_params ^ wanted)} other than the file'
    for key, value in saved.items():
        assert torch.equal(params[peft_parameter_name(key)].detach(), value), f'{name}: {key} not loaded as saved'
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask, decoder_input_ids=dec).logits
    out[name] = {'fixture': fixture, 'peft_loaded_tensors': len(saved), 'peft_logits': logits.numpy().ravel().tolist()}
    print(f'{name}: {len(saved)} tensors, logits {tuple(logits.shape)}')

doc = {
    'made_with': f'peft {peft.__version__}, transformers {transformers.__version__}, torch {torch.__version__} CPU, '
    'float32, eval, PeftModel.from_pretrained on the adapters t5sql saved beside this file',
    'generator': 'scripts/make_t5sql_adapter_logits.py',
    'cases': out,
}
with open(os.path.join(ADAPTERS, 'expected.json'), 'w') as fh:
    json.dump(doc, fh)
    fh.write('\n')
