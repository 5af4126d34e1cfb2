import { expect } from 'chai';
import { displayModelName, loadApiModels, parseTypeExpr } from '../../../lib/manifest/model.js';

describe('Pod API models from @kubernetes/client-node', () => {
  it('parses the generated type texts', () => {
    expect(parseTypeExpr('Array<V1EnvVar>')).to.deep.equal({ kind: 'array', of: { kind: 'model', name: 'V1EnvVar' } });
    expect(parseTypeExpr('{ [key: string]: Array<string>; }')).to.deep.equal({
      kind: 'map',
      of: { kind: 'array', of: { kind: 'string' } },
    });
    expect(parseTypeExpr('number', 'int32')).to.deep.equal({ kind: 'integer', format: 'int32' });
    expect(parseTypeExpr('number', 'double')).to.deep.equal({ kind: 'number' });
    expect(parseTypeExpr('IntOrString', 'int-or-string')).to.deep.equal({ kind: 'int-or-string' });
    expect(parseTypeExpr('Date', 'date-time')).to.deep.equal({ kind: 'date' });
    expect(parseTypeExpr('any')).to.deep.equal({ kind: 'any' });
  });

  it('loads the models reachable from V1Pod, with required fields from the declarations', async () => {
    const models = await loadApiModels('V1Pod');
    const rule = models.get('V1ContainerRestartRule');
    expect([...(rule?.fields.keys() ?? [])]).to.deep.equal(['action', 'exitCodes']);
    expect(rule?.fields.get('action')?.required).to.equal(true);
    expect(rule?.fields.get('exitCodes')?.type).to.deep.equal({
      kind: 'model',
      name: 'V1ContainerRestartRuleOnExitCodes',
    });
    const container = models.get('V1Container');
    expect(container?.fields.get('name')?.required).to.equal(true);
    expect(container?.fields.get('image')?.required).to.equal(false);
    expect(container?.fields.get('restartPolicyRules')?.type).to.deep.equal({
      kind: 'array',
      of: { kind: 'model', name: 'V1ContainerRestartRule' },
    });
    expect(models.get('V1ResourceRequirements')?.fields.get('limits')?.type).to.deep.equal({
      kind: 'map',
      of: { kind: 'quantity' },
    });
    expect(models.get('V1Deployment')).to.equal(undefined); // not reachable from a Pod
  });

  it('shows model names as the API reference does', () => {
    expect(displayModelName('V1ContainerRestartRule')).to.equal('ContainerRestartRule');
    expect(displayModelName('V1beta1Foo')).to.equal('Foo');
    expect(displayModelName('CoreV1EventSeries')).to.equal('EventSeries');
  });
});
