import { useTranslation } from 'react-i18next';
import type { Playbook } from '../api/types';
import { chain, stateId, type Diagram } from '../lib/diagram';
import { pick } from '../lib/format';

/**
 * The playbook's state diagram as nested lists: each level, its steps, and where each event or gate leads;
 * the incident's level and step are marked in words as well as colour. The Mermaid source is underneath.
 */
export default function DiagramView({ diagram, current, playbook }: { diagram: Diagram; current?: string; playbook?: Playbook }) {
  const { t, i18n } = useTranslation();
  const here = new Set(current ? chain(diagram, stateId(current)) : []);
  const title = (id: string) => pick(diagram.states.get(id)?.title, i18n.language) || id;
  // Events and task templates by their names in the playbook, falling back to their keys.
  const eventName = (type: string) => pick(playbook?.events.find((e) => e.type === type)?.title, i18n.language) || type;
  const taskNames = (keys: string[]) => keys.map((k) => pick(playbook?.taskTemplates.find((x) => x.key === k)?.title, i18n.language) || k).join('; ');
  const edgeText = (event: string, tasks: string[]) =>
    event === 'when' ? t('diagram.when', { tasks: taskNames(tasks) }) : event.startsWith('after ') ? t('diagram.after', { delay: event.slice(6) }) : eventName(event);

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
        {out.length + s.stays.length > 0 && (
          <ul className="dg-edges">
            {s.stays.map((e) => (
              <li key={`stay-${e}`}>{t('diagram.stays', { event: edgeText(e, []) })}</li>
            ))}
            {out.map((e, i) => (
              <li key={i}>
                {edgeText(e.event, e.tasks)} → {title(e.to)}
                {e.event !== 'when' && e.tasks.length > 0 && <span className="muted small"> ({t('diagram.when', { tasks: taskNames(e.tasks) })})</span>}
                {e.guard && !e.tasks.length && <span className="muted small"> [{e.guard}]</span>}
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
        <pre tabIndex={0}>{diagram.source}</pre>
      </details>
    </div>
  );
}
