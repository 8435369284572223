from django.urls import path

from . import feeds, views

app_name = "pages"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_view, name="tag"),
    path("feeds/notices/rss.xml", feeds.NoticeFeed(), name="feed_rss"),
    path("feeds/notices/atom.xml", feeds.NoticeAtomFeed(), name="feed_atom"),
    path("feeds/sections/<int:section_id>/rss.xml", feeds.NoticeFeed(), name="section_feed_rss"),
    path("feeds/sections/<int:section_id>/atom.xml", feeds.NoticeAtomFeed(),
         name="section_feed_atom"),
    path("api/views/<int:page_id>/", views.count_view, name="count_view"),
]
