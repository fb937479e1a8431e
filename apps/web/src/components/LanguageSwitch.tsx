import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLang, useT } from '../i18n/lang.tsx';

/** One button that flips between 中文 and English (the label names the other language). */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
      aria-label={t('lang.label')}
      data-testid="lang-switch"
    >
      {t('lang.switchTo')}
    </Button>
  );
}
