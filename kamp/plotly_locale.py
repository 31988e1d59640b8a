"""What a chart's own toolbar and hints say, in the page's language: Plotly's config with its
Chinese dictionary (Plotly writes the titles of its buttons — Zoom, Pan, Download plot as a PNG —
in English unless a locale with a dictionary is given with the chart)."""
from __future__ import annotations

# Plotly.js's own strings (the keys, as its modebar and hints write them) in Chinese.
ZH = {
    "Autoscale": "自动缩放",
    "Box Select": "框选",
    "Compare data on hover": "悬停时比较数据",
    "Double-click to zoom back out": "双击恢复原始大小",
    "Download plot": "下载图表",
    "Download plot as a PNG": "下载图表（PNG 图片）",
    "Download plot as JSON": "下载图表（JSON）",
    "Image download succeeded": "图片已下载",
    "Lasso Select": "套索选择",
    "Pan": "平移",
    "Preparing image - this may take a few seconds": "正在生成图片，请稍候",
    "Reset": "重置",
    "Reset axes": "重置坐标轴",
    "Reset view": "重置视图",
    "Reset views": "重置视图",
    "Show closest data on hover": "悬停时显示最近的数据",
    "Sorry, there was a problem downloading your image!": "抱歉，图片下载失败！",
    "Toggle Spike Lines": "显示/隐藏辅助线",
    "Toggle show closest data on hover": "切换悬停显示最近的数据",
    "Zoom": "缩放",
    "Zoom in": "放大",
    "Zoom out": "缩小",
}


def config(lang: str, **options) -> dict:
    """A chart's Plotly config in ``lang`` (``options``: more of Plotly's config), for
    ``st.plotly_chart(config=…)`` and ``plotly.io.to_html(config=…)``."""
    if lang != "zh":
        return dict(options)
    return {**options, "locale": "zh-CN", "locales": {"zh-CN": {"dictionary": ZH}}}
