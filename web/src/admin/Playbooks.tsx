import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDiagram, usePlaybook, usePlaybooks, useVersions } from '../api/queries';
import { formatForReader, pick } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';

const DiagramView = lazy(() => import('../pages/DiagramView'));

/** Playbooks with their versions, diagram and definition, read-only. */
export function Playbooks() {
  const { key } = useParams();
  const { t, i18n } = useTranslation();
  const list = usePlaybooks();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <section aria-labelledby="pb-title">
      <h2 id="pb-title">{t('admin.playbooks.title')}</h2>
      <ul className="pb-list">
        {list.data.map((p) => (
          <li key={p.key}>
            <Link to={`/admin/playbooks/${p.key}`} aria-current={p.key === key ? 'page' : undefined}>
              {pick(p.title, i18n.language)}
            </Link>{' '}
            <span className="muted">
              <code>{p.key}</code> · {t('incident.version', { n: p.version })}
            </span>
          </li>
        ))}
      </ul>
      {key && <PlaybookDetail playbookKey={key} />}
    </section>
  );
}

function PlaybookDetail({ playbookKey }: { playbookKey: string }) {
  const { t, i18n } = useTranslation();
  const pb = usePlaybook(playbookKey);
  const versions = useVersions(playbookKey);
  const diagram = useDiagram(playbookKey);
  if (pb.isPending) return <Loading />;
  if (pb.isError) return <ErrorView error={pb.error} onRetry={() => void pb.refetch()} />;
  return (
    <article className="panel" aria-labelledby="pbd-title">
      <h3 id="pbd-title">{pick(pb.data.title, i18n.language)}</h3>
      <h4>{t('admin.playbooks.versions')}</h4>
      {versions.data && (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.playbooks.version')}</th>
                <th scope="col">{t('admin.playbooks.loaded')}</th>
                <th scope="col">{t('admin.playbooks.incidents')}</th>
                <th scope="col">{t('admin.playbooks.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.version}>
                  <td>
                    {v.version} {v.current && <span className="badge">{t('admin.playbooks.current')}</span>}
                  </td>
                  <td>{formatForReader(v.loadedAt, i18n.language)}</td>
                  <td>{v.incidents}</td>
                  <td>
                    <code className="small">{v.hash.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('incident.diagram')}</h4>
      {diagram.data ? (
        <Suspense fallback={<Loading />}>
          <DiagramView diagram={diagram.data} playbook={pb.data} />
        </Suspense>
      ) : (
        <Loading />
      )}
      <h4>{t('admin.playbooks.source')}</h4>
      <p className="muted">{t('admin.playbooks.sourceNote')}</p>
      <pre className="source" tabIndex={0}>{JSON.stringify(pb.data, null, 2)}</pre>
    </article>
  );
}
