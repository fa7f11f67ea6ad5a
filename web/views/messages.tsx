import { Layout, Notice } from './layout.tsx';

/** A whole page that only says something went wrong (404, 403, 500...). */
export function MessagePage(props: { title: string; message: string; requestId?: string }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <Notice kind="error">
        <p>{props.message}</p>
        {props.requestId ? (
          <p>
            <small>Užklausos numeris: {props.requestId}</small>
          </p>
        ) : null}
      </Notice>
      <p>
        <a href="/">Grįžti į aplikacijų sąrašą</a>
      </p>
    </Layout>
  );
}
