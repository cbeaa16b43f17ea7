from django.urls import path

from coverage import feeds, views

app_name = "coverage"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("timeline.json", views.timeline_json, name="timeline_json"),
    path("export.json", views.export_json, name="export_json"),
    path("positions/", views.PositionsView.as_view(), name="positions"),
    path("positions/<slug:slug>/", views.topic_positions, name="topic_positions"),
    path("statements/", views.StatementListView.as_view(), name="statement_list"),
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("responses/", views.ResponseListView.as_view(), name="response_list"),
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("actors/", views.ActorListView.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor_detail"),
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.RecordsFeed(), name="feed"),
    path("feed/summit/<slug:slug>/", feeds.SummitFeed(), name="summit_feed"),
    path("feed/actor/<slug:slug>/", feeds.ActorFeed(), name="actor_feed"),
    path("feed/topic/<slug:slug>/", feeds.TopicFeed(), name="topic_feed"),
]
