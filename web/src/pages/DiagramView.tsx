import { useTranslation } from 'react-i18next';
import { chain, stateId, type Diagram } from '../lib/diagram';
import { pick } from '../lib/format';

/**
 * The playbook's state diagram as nested lists: each level, its steps, and where each event or gate leads;
 * the incident's level and step are marked in words as well as colour. The Mermaid source is underneath.
 */
export default function DiagramView({ diagram, current }: { diagram: Diagram; current?: string }) {
  const { t, i18n } = useTranslation();
  const here = new Set(current ? chain(diagram, stateId(current)) : []);
  const title = (id: string) => pick(diagram.states.get(id)?.title, i18n.language) || id;
  const edgeText = (event: string, tasks: string[]) =>
    event === 'when' ? t('diagram.when', { tasks: tasks.join(', ') }) : event.startsWith('after ') ? t('diagram.after', { delay: event.slice(6) }) : event;

  const render = (id: string) => {
    const s = diagram.states.get(id)!;
    const out = diagram.edges.filter((e) => e.from === id);
    const isHere = here.has(id);
    return (
      <li key={id} className={`dg-state ${isHere ? 'here' : ''}`} aria-current={isHere ? 'step' : undefined}>
        <span className="dg-title">
          {title(id)}
          {isHere && <strong className="dg-here"> — {t('diagram.current')}</strong>}
          {s.final && <span className="muted"> ({t('diagram.final')})</span>}
        </span>
        {out.length > 0 && (
          <ul className="dg-edges">
            {out.map((e, i) => (
              <li key={i}>
                {edgeText(e.event, e.tasks)} → {title(e.to)}
                {e.guard && e.event !== 'when' && <span className="muted small"> [{e.guard}]</span>}
              </li>
            ))}
          </ul>
        )}
        {s.children.length > 0 && <ol className="dg-children">{s.children.map(render)}</ol>}
      </li>
    );
  };
  return (
    <div className="diagram">
      <ol className="dg-root">{diagram.roots.map(render)}</ol>
      <details>
        <summary>{t('diagram.source')}</summary>
        <pre>{diagram.source}</pre>
      </details>
    </div>
  );
}
